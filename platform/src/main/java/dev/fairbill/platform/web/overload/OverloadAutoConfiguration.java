package dev.fairbill.platform.web.overload;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.fairbill.platform.web.FairbillWebAutoConfiguration;
import dev.fairbill.platform.web.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Every service's requests pass a {@link ConcurrencyLimitFilter} first, before any other work is done for them. */
@AutoConfiguration(after = FairbillWebAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ConcurrencyLimitProperties.class)
public class OverloadAutoConfiguration {

    static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    static final int HIKARI_DEFAULT_POOL_SIZE = 10;

    @Bean
    public FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(
            ConcurrencyLimitProperties properties, Environment environment, ProblemResponseWriter problems,
            ObjectProvider<MeterRegistry> meters) {
        int limit = properties.maxConcurrentRequests() != null ? properties.maxConcurrentRequests()
                : environment.getProperty(POOL_SIZE, Integer.class, HIKARI_DEFAULT_POOL_SIZE);
        var registration = new FilterRegistrationBean<>(new ConcurrencyLimitFilter(limit, properties, problems,
                meters.getIfAvailable(SimpleMeterRegistry::new)));
        // right after the startup gate and the request limits, which are cheaper than a wait for a turn
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
