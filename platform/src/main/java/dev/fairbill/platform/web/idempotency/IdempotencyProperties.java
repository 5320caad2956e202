package dev.fairbill.platform.web.idempotency;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
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
 * @param requiredOn      the POST paths (patterns such as {@code /api/v1/ledgers/*}{@code /grants}) that take or pay
 *                        money or grant value: without an Idempotency-Key they are refused, so no retry pays twice
 * @param oneTransaction  whether a keyed request's claim, its work and its stored answer commit in one transaction;
 *                        only for a service whose requests do nothing but database work on the request's thread
 */
@ConfigurationProperties("fairbill.idempotency")
@Validated
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull @DurationMin(hours = 24) Duration retention,
        @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration takeoverAfter,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration cleanupInterval,
        @DefaultValue({}) List<@NotBlank String> requiredOn,
        @DefaultValue("false") boolean oneTransaction) {
}
