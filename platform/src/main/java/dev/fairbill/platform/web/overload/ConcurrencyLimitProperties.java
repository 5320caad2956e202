package dev.fairbill.platform.web.overload;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests a service works on at once, and how many wait for a turn. Beyond that a request is shed with
 * 503 and {@code Retry-After} instead of piling up on the connection pool.
 *
 * @param maxConcurrentRequests requests in progress at once; unset means the connection pool's size
 *                              ({@code spring.datasource.hikari.maximum-pool-size}, 10 unless set), since every
 *                              request needs a connection at some point
 * @param maxQueuedRequests     requests that may wait for a turn; one more is shed at once
 * @param queueTimeout          how long a request waits for a turn before it is shed
 * @param retryAfter            the {@code Retry-After} a shed request is answered with (whole seconds)
 */
@Validated
@ConfigurationProperties("fairbill.http")
public record ConcurrencyLimitProperties(
        @Min(1) Integer maxConcurrentRequests,
        @DefaultValue("200") @Min(0) int maxQueuedRequests,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration queueTimeout,
        @DefaultValue("1s") @NotNull @DurationMin(seconds = 1) Duration retryAfter) {
}
