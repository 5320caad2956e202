package dev.fairbill.gateway.config;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ClientHttpRequestFactoryProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchangeHandlerFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;

import dev.fairbill.gateway.ratelimit.Limiter;
import dev.fairbill.gateway.ratelimit.RateLimiter;
import dev.fairbill.gateway.ratelimit.SharedRateLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.fairbill.gateway.security.ApiKeyFilterFunctions;
import dev.fairbill.gateway.security.ApiKeyGuard;
import dev.fairbill.gateway.security.ApiKeyRegistry;
import dev.fairbill.gateway.security.ForwardedHeaders;
import dev.fairbill.gateway.security.InternalJwtIssuer;
import dev.fairbill.gateway.security.WebhookGuard;

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

    /** One budget per client address, spent by requests without a valid API key and by refused webhooks. */
    @Bean
    RateLimiter unauthenticatedRateLimiter(GatewayProperties properties, Clock clock) {
        RateLimitProperties rateLimit = properties.rateLimit();
        RateLimitProperties.Bucket bucket = rateLimit.unauthenticated();
        return new RateLimiter(bucket.burst(), bucket.requestsPerSecond(), rateLimit.maxAddresses(), clock);
    }

    /** The buckets all gateways share, when Redis is configured (ADR 0047); no bean otherwise. */
    @Bean
    SharedRateLimits sharedRateLimits(GatewayProperties properties, Clock clock, MeterRegistry meters) {
        RateLimitProperties.Redis redis = properties.rateLimit().redis();
        if (!redis.configured()) {
            // one gateway, or a local stack without Redis: the limits are this gateway's own
            Gauge.builder(SharedRateLimits.SHARED, () -> 0).description(SharedRateLimits.SHARED_DESCRIPTION)
                    .register(meters);
            return null;
        }
        return new SharedRateLimits(redis.url(), redis.prefix(), redis.timeout(), redis.retryAfter(), clock, meters);
    }

    @Bean
    ApiKeyGuard apiKeyGuard(ApiKeyRegistry registry, GatewayProperties properties, Clock clock,
            RateLimiter unauthenticated, ObjectProvider<SharedRateLimits> shared) {
        RateLimitProperties rateLimit = properties.rateLimit();
        return new ApiKeyGuard(registry, limiter(shared, "keys", rateLimit.burst(), rateLimit.requestsPerSecond(),
                properties.apiKeys().size(), clock), unauthenticated);
    }

    @Bean
    WebhookGuard webhookGuard(GatewayProperties properties, Clock clock, RateLimiter unauthenticated,
            ObjectProvider<SharedRateLimits> shared) {
        Set<String> tenants = properties.apiKeys().stream().map(ApiKeyProperties::tenant).collect(Collectors.toSet());
        RateLimitProperties.Bucket webhooks = properties.rateLimit().webhooks();
        return new WebhookGuard(tenants, limiter(shared, "webhooks", webhooks.burst(), webhooks.requestsPerSecond(),
                tenants.size() + 1, clock), unauthenticated);
    }

    /** Shared buckets with this gateway's own as the fallback, or this gateway's own alone. */
    private static Limiter limiter(ObjectProvider<SharedRateLimits> shared, String name, int burst, double rate,
            int maxKeys, Clock clock) {
        RateLimiter local = new RateLimiter(burst, rate, maxKeys, clock);
        SharedRateLimits limits = shared.getIfAvailable();
        return limits == null ? local : limits.limiter(name, burst, rate, local);
    }

    @Bean
    InternalJwtIssuer internalJwtIssuer(InternalJwtProperties properties, Clock clock) {
        return new InternalJwtIssuer(properties.secretBytes(), clock);
    }

    /**
     * The proxy sends each request through the pooled client itself, without a {@code RestClient} around it (its
     * per-request exchange machinery cost a tenth of the gateway's time); failures to reach the service are still
     * answered 502 by {@code ProblemExceptionResolver}.
     */
    @Bean
    ProxyExchange proxyExchange(ClientHttpRequestFactory upstream, GatewayMvcProperties properties) {
        return new ClientHttpRequestFactoryProxyExchange(new WholeBodyRequests(upstream), properties);
    }

    /**
     * The proxy applies the gateway's own two header filters (one pass over the request's headers, one over the
     * answer's) instead of the framework's chain of seven, each of which copied all headers again.
     */
    @Bean
    ProxyExchangeHandlerFunction proxyExchangeHandlerFunction(ProxyExchange exchange, InternalJwtIssuer jwtIssuer) {
        return new ProxyExchangeHandlerFunction(exchange, new Only<>(new ForwardedHeaders(jwtIssuer)),
                new Only<>(ForwardedHeaders.answers()));
    }

    /** Provides exactly one object. */
    private record Only<T>(T object) implements ObjectProvider<T> {

        @Override
        public T getObject() {
            return object;
        }

        @Override
        public T getObject(Object... args) {
            return object;
        }

        @Override
        public T getIfAvailable() {
            return object;
        }

        @Override
        public T getIfUnique() {
            return object;
        }

        @Override
        public Stream<T> stream() {
            return Stream.of(object);
        }

        @Override
        public Stream<T> orderedStream() {
            return Stream.of(object);
        }
    }

    /** Makes {@code RequireApiKey} and {@code LimitWebhooks} usable in the YAML routes. */
    @Bean
    ApiKeyFilterFunctions.FilterSupplier apiKeyFilterFunctions() {
        return new ApiKeyFilterFunctions.FilterSupplier();
    }
}
