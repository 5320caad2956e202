package dev.fairbill.gateway.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.gateway.ratelimit.ApiKeyRateLimiter;
import dev.fairbill.gateway.security.ApiKeyFilterFunctions;
import dev.fairbill.gateway.security.ApiKeyGuard;
import dev.fairbill.gateway.security.ApiKeyRegistry;
import dev.fairbill.gateway.security.ForwardedIdentityHeaders;
import dev.fairbill.gateway.security.InternalJwtIssuer;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ApiKeyRegistry apiKeyRegistry(GatewayProperties properties) {
        return new ApiKeyRegistry(properties.apiKeys());
    }

    @Bean
    ApiKeyRateLimiter apiKeyRateLimiter(GatewayProperties properties, Clock clock) {
        RateLimitProperties rateLimit = properties.rateLimit();
        return new ApiKeyRateLimiter(rateLimit.burst(), rateLimit.requestsPerSecond(), clock);
    }

    @Bean
    ApiKeyGuard apiKeyGuard(ApiKeyRegistry registry, ApiKeyRateLimiter rateLimiter) {
        return new ApiKeyGuard(registry, rateLimiter);
    }

    @Bean
    InternalJwtIssuer internalJwtIssuer(InternalJwtProperties properties, Clock clock) {
        return new InternalJwtIssuer(properties.secretBytes(), clock);
    }

    @Bean
    ForwardedIdentityHeaders forwardedIdentityHeaders(InternalJwtIssuer jwtIssuer) {
        return new ForwardedIdentityHeaders(jwtIssuer);
    }

    /** Makes {@code RequireApiKey} and {@code RequireApiKeyScope} usable in the YAML routes. */
    @Bean
    ApiKeyFilterFunctions.FilterSupplier apiKeyFilterFunctions() {
        return new ApiKeyFilterFunctions.FilterSupplier();
    }
}
