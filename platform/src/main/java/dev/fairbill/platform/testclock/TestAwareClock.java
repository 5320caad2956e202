package dev.fairbill.platform.testclock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The services' clock: the wall clock, except for work done for an account on a test clock, which sees that clock's
 * time ({@link TestTime}).
 */
public final class TestAwareClock extends Clock {

    private final Clock wall;

    public TestAwareClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall);
    }

    @Override
    public Instant instant() {
        TestTime.Moment moment = TestTime.current();
        return moment != null ? moment.now() : wall.instant();
    }

    @Override
    public ZoneId getZone() {
        return wall.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestAwareClock(wall.withZone(zone));
    }
}
