package dev.fairbill.refund.saga;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * How the refund execution saga waits and retries ({@code fairbill.refunds.execution.*}).
 *
 * @param retryBackoff      the pause before each retry of a refused processor refund; its size is the number of
 *                          retries, after which the case fails to review
 * @param answerTimeout     how long an answer from billing or the ledger may take before the saga counts as overdue
 * @param remedyTaskTimeout how long an operator task (extension, correction, operational fix) may stay open
 */
@Validated
@ConfigurationProperties("fairbill.refunds.execution")
public record RefundExecutionSettings(@NotEmpty List<@NotNull Duration> retryBackoff, @NotNull Duration answerTimeout,
                                      @NotNull Duration remedyTaskTimeout) {

    public RefundExecutionSettings {
        retryBackoff = List.copyOf(retryBackoff);
        if (retryBackoff.stream().anyMatch(pause -> pause.isNegative() || pause.isZero())) {
            throw new IllegalArgumentException("fairbill.refunds.execution.retry-backoff: every pause must be > 0");
        }
    }

    /** The pause before attempt {@code attempt} (2 for the first retry), or {@code null} when none is left. */
    public Duration pauseBefore(int attempt) {
        int retry = attempt - 2;
        return retry < retryBackoff.size() ? retryBackoff.get(retry) : null;
    }
}
