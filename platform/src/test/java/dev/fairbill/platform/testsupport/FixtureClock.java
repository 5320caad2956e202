package dev.fairbill.platform.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * The fixture's own time, which {@code whenThenTimeAdvancesTo} moves (and a deadline sets while it is handled), as the
 * aggregate's injected Clock.
 */
public final class FixtureClock extends Clock {

    private final Supplier<Instant> now;

    public FixtureClock(AggregateTestFixture<?> fixture) {
        this(fixture::currentTime);
    }

    /** Any fixture's time, e.g. a saga fixture's {@code fixture::currentTime}. */
    public FixtureClock(Supplier<Instant> now) {
        this.now = now;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
