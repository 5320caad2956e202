package dev.fairbill.billing.subscription;

import java.time.Instant;
import java.time.ZoneOffset;

/** How long one billing period of a plan lasts, in calendar units counted in UTC. */
public enum PlanInterval {
    MONTH,
    YEAR;

    /**
     * The start of period {@code n} of a schedule anchored at {@code anchor}. Counting from the anchor rather than from
     * the previous period keeps the day of month: a subscription from 31 January renews on 28 February, then 31 March.
     */
    public Instant periodStart(Instant anchor, long n) {
        var utc = anchor.atZone(ZoneOffset.UTC);
        return switch (this) {
            case MONTH -> utc.plusMonths(n).toInstant();
            case YEAR -> utc.plusYears(n).toInstant();
        };
    }
}
