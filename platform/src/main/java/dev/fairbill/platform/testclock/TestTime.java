package dev.fairbill.platform.testclock;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The business time of the work the current thread does for an account on a test clock. Set around a command, a
 * deadline or an inbound message of such an account; {@link TestAwareClock} answers it instead of the wall clock.
 */
public final class TestTime {

    private static final ThreadLocal<Moment> CURRENT = new ThreadLocal<>();

    /** The account on a test clock the current work is for, and the time that clock shows. */
    public record Moment(String accountId, Instant now) {
    }

    /** Runs {@code work} at {@code now} of {@code accountId}'s test clock, then returns to the time before. */
    public static <T> T at(String accountId, Instant now, Supplier<T> work) {
        Moment before = CURRENT.get();
        CURRENT.set(new Moment(accountId, now));
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The moment the current work runs at, or null when it runs on the wall clock. */
    public static Moment current() {
        return CURRENT.get();
    }

    private TestTime() {
    }
}
