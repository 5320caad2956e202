package dev.fairbill.refund.saga;

import java.time.Instant;

/**
 * Where every saga instance stands, so stuck ones are visible (issue: "stuck sagas are visible in metrics"): each
 * wait has a due time, and a saga still waiting after it is overdue. Every call is idempotent per (saga, key).
 */
public interface SagaProgress {

    /** The saga started, or moved on to a wait that should be over by {@code dueAt}. */
    void waiting(String saga, String key, String step, Instant startedAt, Instant dueAt);

    /** A wait's deadline passed and the saga still waits. */
    void overdue(String saga, String key, Instant at);

    /** @param outcome e.g. {@code COMPLETED}, {@code FAILED}, {@code WON} */
    void ended(String saga, String key, String outcome, Instant endedAt);
}
