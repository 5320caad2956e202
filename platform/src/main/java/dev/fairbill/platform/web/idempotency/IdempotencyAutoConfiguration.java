package dev.fairbill.platform.web.idempotency;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.platform.jdbc.ProcessLiveness;
import dev.fairbill.platform.web.FairbillWebAutoConfiguration;
import dev.fairbill.platform.web.ProblemResponseWriter;

/** The Idempotency-Key store and filter, for services with a database (table from {@code V4__idempotency_keys}). */
@AutoConfiguration(
        after = FairbillWebAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcClient.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
@EnableScheduling
public class IdempotencyAutoConfiguration {

    @Bean
    public ProcessLiveness processLiveness(DataSourceProperties dataSource) {
        return new ProcessLiveness(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword());
    }

    @Bean
    public IdempotencyKeyStore idempotencyKeyStore(JdbcClient jdbc, Clock clock, IdempotencyProperties properties,
                                                   ProcessLiveness liveness) {
        return new IdempotencyKeyStore(jdbc, clock, properties, liveness);
    }

    @Bean
    IdempotencyKeyCleanup idempotencyKeyCleanup(IdempotencyKeyStore store, IdempotencyProperties properties) {
        return new IdempotencyKeyCleanup(store, properties);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeyStore store,
            ProblemResponseWriter problems, ObjectProvider<SecurityFilterProperties> securityFilter,
            IdempotencyProperties properties, ObjectProvider<PlatformTransactionManager> transactions) {
        TransactionTemplate oneTransaction = properties.oneTransaction()
                ? new TransactionTemplate(transactions.getObject()) : null;
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, problems,
                properties.requiredOn(), oneTransaction));
        // right after Spring Security's filter chain, which establishes the caller and so the tenant
        registration.setOrder(securityFilter.getIfAvailable(SecurityFilterProperties::new).getOrder() + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
