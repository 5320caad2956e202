package dev.fairbill.platform.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Puts a {@link ConnectionGuard} in front of the service's connection pool. {@code fairbill.datasource.nested-
 * connections} chooses the policy: {@code warn} (the default: log and count) or {@code fail} (refuse; the tests).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(HikariDataSource.class)
public class ConnectionGuardAutoConfiguration {

    static final String POLICY = "fairbill.datasource.nested-connections";
    private static final int LOGGED_STACKS = 20;
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    @Bean
    static BeanPostProcessor connectionGuardPostProcessor(Environment environment,
                                                          ObjectProvider<MeterRegistry> meters) {
        NestedConnectionPolicy policy = NestedConnectionPolicy.parse(environment.getProperty(POLICY, "warn"));
        AtomicInteger logged = new AtomicInteger();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    return new ConnectionGuard(pool, nested -> report(policy, nested, meters, logged));
                }
                return bean;
            }
        };
    }

    /**
     * Arms the guards once the service has started (migrations done, before it is ready for traffic), and shows the
     * counter at zero from then on, so that an alert on its increase sees the first one.
     */
    @Bean
    static ApplicationListener<ApplicationStartedEvent> armConnectionGuards(ObjectProvider<MeterRegistry> meters) {
        return started -> started.getApplicationContext().getBeansOfType(DataSource.class, false, false).values()
                .forEach(dataSource -> {
                    if (dataSource instanceof ConnectionGuard guard) {
                        meters.ifAvailable(ConnectionGuardAutoConfiguration::nestedConnections);
                        guard.arm();
                    }
                });
    }

    private static Counter nestedConnections(MeterRegistry registry) {
        return Counter.builder("fairbill.db.nested.connections")
                .description("Times a thread asked for a second pooled connection while holding one")
                .register(registry);
    }

    private static void report(NestedConnectionPolicy policy, ConnectionGuard.NestedConnection nested,
                               ObjectProvider<MeterRegistry> meters, AtomicInteger logged) {
        meters.ifAvailable(registry -> nestedConnections(registry).increment());
        IllegalStateException trace = new IllegalStateException(nested.describe());
        // the stacks of the first few say where; after that the counter says how often, without flooding the log
        if (logged.incrementAndGet() <= LOGGED_STACKS) {
            log.warn("Nested database connection", trace);
        }
        if (policy == NestedConnectionPolicy.FAIL) {
            throw trace;
        }
    }
}
