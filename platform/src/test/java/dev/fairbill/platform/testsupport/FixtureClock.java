package dev.fairbill.platform.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * The fixture's own time, which {@code whenThenTimeAdvancesTo} moves (and a deadline sets while it is handled), as the
 * aggregate's injected Clock.
 */
public final class FixtureClock extends Clock {

    private final AggregateTestFixture<?> fixture;

    public FixtureClock(AggregateTestFixture<?> fixture) {
        this.fixture = fixture;
    }

    @Override
    public Instant instant() {
        return fixture.currentTime();
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
