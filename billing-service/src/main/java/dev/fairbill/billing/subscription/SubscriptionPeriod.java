package dev.fairbill.billing.subscription;

import java.time.Instant;
import java.util.Objects;

/** A billing (or trial) period, start inclusive, end exclusive. */
public record SubscriptionPeriod(Instant start, Instant end) {

    public SubscriptionPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end " + end + " is not after its start " + start);
        }
    }
}
