package dev.fairbill.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets: per API key ({@code requestsPerSecond}, at most {@code burst} at once); per client address for
 * requests without a valid API key and for webhooks whose signature the billing service refused
 * ({@code unauthenticated}); per tenant for its webhook endpoints ({@code webhooks}).
 *
 * @param maxAddresses how many client addresses are tracked at once; beyond it, new addresses share one bucket
 */
public record RateLimitProperties(
        @DefaultValue("50") @Positive double requestsPerSecond,
        @DefaultValue("100") @Positive int burst,
        @Valid Bucket unauthenticated,
        @Valid Bucket webhooks,
        @DefaultValue("100000") @Positive int maxAddresses) {

    public RateLimitProperties {
        unauthenticated = unauthenticated == null ? new Bucket(2, 20) : unauthenticated;
        webhooks = webhooks == null ? new Bucket(100, 500) : webhooks;
    }

    public record Bucket(@Positive double requestsPerSecond, @Positive int burst) {
    }
}
