package dev.fairbill.platform.testclock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class TestAwareClockTest {

    private static final Instant WALL = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant CLOCK = Instant.parse("2031-01-15T10:00:00Z");
    private final Clock clock = new TestAwareClock(Clock.fixed(WALL, ZoneOffset.UTC));

    @Test
    void workForAnAccountOnATestClockSeesThatClocksTimeAndOnlyThatWork() throws Exception {
        assertThat(clock.instant()).isEqualTo(WALL);

        Instant seen = TestTime.at("acct_1", CLOCK, clock::instant);
        Instant otherThread = TestTime.at("acct_1", CLOCK,
                () -> CompletableFuture.supplyAsync(clock::instant).join());

        assertThat(seen).isEqualTo(CLOCK);
        assertThat(otherThread).as("another thread's work is not that account's").isEqualTo(WALL);
        assertThat(clock.instant()).as("back on the wall clock afterwards").isEqualTo(WALL);
    }

    @Test
    void aDeadlineFiredInsideAnotherAccountsWorkRunsAtItsOwnTimeThenReturns() {
        Instant later = CLOCK.plusSeconds(3600);

        Instant[] seen = new Instant[2];
        TestTime.at("acct_1", CLOCK, () -> {
            seen[0] = TestTime.at("acct_1", later, clock::instant);
            seen[1] = clock.instant();
            return null;
        });

        assertThat(seen).containsExactly(later, CLOCK);
        assertThat(TestTime.current()).isNull();
    }
}
