package dev.fairbill.gateway.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets: per API key ({@code requestsPerSecond}, at most {@code burst} at once); per client address for
 * requests without a valid API key and for webhooks whose signature the billing service refused
 * ({@code unauthenticated}); per tenant for its webhook endpoints ({@code webhooks}).
 *
 * @param maxAddresses how many client addresses are tracked at once; beyond it, new addresses share one bucket
 * @param redis        where the gateways share the per-key and per-tenant buckets; without a URL each gateway keeps
 *                     its own (one gateway, or a local stack without Redis)
 */
public record RateLimitProperties(
        @DefaultValue("50") @Positive double requestsPerSecond,
        @DefaultValue("100") @Positive int burst,
        @Valid Bucket unauthenticated,
        @Valid Bucket webhooks,
        @DefaultValue("100000") @Positive int maxAddresses,
        @Valid @DefaultValue Redis redis) {

    public RateLimitProperties {
        unauthenticated = unauthenticated == null ? new Bucket(2, 20) : unauthenticated;
        webhooks = webhooks == null ? new Bucket(100, 500) : webhooks;
    }

    /**
     * @param url        e.g. {@code redis://redis:6379}; none: the buckets stay in each gateway
     * @param prefix     the keys' prefix; gateways that share their limits share it
     * @param timeout    how long a decision may wait for Redis before this gateway takes it on its own
     * @param retryAfter how long this gateway limits on its own after Redis did not answer
     */
    public record Redis(String url, @DefaultValue("fairbill:rate-limit:") String prefix,
                        @DefaultValue("100ms") Duration timeout, @DefaultValue("5s") Duration retryAfter) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    public record Bucket(@Positive double requestsPerSecond, @Positive int burst) {
    }
}
