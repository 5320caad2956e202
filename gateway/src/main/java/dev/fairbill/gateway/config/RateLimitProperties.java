package dev.fairbill.gateway.config;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/** Token bucket per API key: refills at {@code requestsPerSecond}, holds at most {@code burst} requests. */
public record RateLimitProperties(
        @DefaultValue("50") @Positive double requestsPerSecond,
        @DefaultValue("100") @Positive int burst) {
}
