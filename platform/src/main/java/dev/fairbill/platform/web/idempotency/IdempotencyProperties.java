package dev.fairbill.platform.web.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a key and its response are kept: at least the 24 hours the API promises
 * @param takeoverAfter how long a request of a running process may hold a key before a retry may take it over (the
 *                      first attempt is presumed stuck); the key of a process that died is taken over at once
 * @param cleanupInterval how often expired keys are deleted
 */
@ConfigurationProperties("fairbill.idempotency")
@Validated
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull @DurationMin(hours = 24) Duration retention,
        @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration takeoverAfter,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration cleanupInterval) {
}
