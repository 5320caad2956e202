package dev.fairbill.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.fairbill.gateway.web.CanonicalPathFilter;
import dev.fairbill.gateway.web.RequestTimers;
import dev.fairbill.gateway.web.SecurityHeadersFilter;

/**
 * The gateway's filters ahead of routing: the security headers and the request timers outermost, so every answer
 * has the headers and every request is timed, and the canonical-path check right after the shared startup gate and
 * request limits.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeFilters {

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Outermost with the security headers: every request is timed, those the edge refuses included. */
    @Bean
    FilterRegistrationBean<RequestTimers> requestTimers(MeterRegistry registry) {
        var registration = new FilterRegistrationBean<>(new RequestTimers(registry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
        var registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
