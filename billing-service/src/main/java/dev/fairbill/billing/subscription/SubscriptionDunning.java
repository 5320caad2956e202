package dev.fairbill.billing.subscription;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * Dunning: after a failed subscription charge the period is charged again after each of these delays in turn (the
 * first retry {@code retryDelays[0]} after the first failure, …); when the last retry fails too the subscription
 * expires.
 */
@Validated
@ConfigurationProperties("fairbill.subscriptions.dunning")
public record SubscriptionDunning(@DefaultValue({"1d", "3d", "5d"}) List<@NotNull Duration> retryDelays) {

    @AssertTrue(message = "every dunning retry delay must be positive")
    public boolean isEveryDelayPositive() {
        return retryDelays.stream().allMatch(delay -> delay == null || delay.isPositive());
    }

    /** The delay before retry number {@code failures} (1-based), or {@code null} when retries are exhausted. */
    public Duration delayAfterFailure(int failures) {
        return failures <= retryDelays.size() ? retryDelays.get(failures - 1) : null;
    }
}
