package dev.fairbill.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.gateway.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:15:30Z"));
    private final RateLimiter limiter = new RateLimiter(1, 1, 3, clock);

    @Test
    void eachKeySpendsItsOwnBudget() {
        assertThat(limiter.tryAcquire("key_panel_admin").admitted()).isTrue();
        assertThat(limiter.tryAcquire("key_panel_admin").admitted()).isFalse();

        assertThat(limiter.tryAcquire("key_chat_admin").admitted()).isTrue();
    }

    @Test
    void peekingTakesNothing() {
        assertThat(limiter.peek("10.0.0.1").admitted()).isTrue();
        assertThat(limiter.peek("10.0.0.1").admitted()).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1").admitted()).isTrue();

        assertThat(limiter.peek("10.0.0.1").admitted()).isFalse();
    }

    @Test
    void newKeysBeyondTheCapacityShareOneBucketUntilIdleBucketsCanBeDropped() {
        assertThat(limiter.tryAcquire("10.0.0.1").admitted()).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.2").admitted()).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.3").admitted()).isTrue();

        // every bucket is in use: invented addresses cannot grow the map nor escape the limit
        assertThat(limiter.tryAcquire("10.0.0.4").admitted()).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.5").admitted()).isFalse();
        assertThat(limiter.size()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("10.0.0.6").admitted()).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.6").admitted()).isFalse();
        assertThat(limiter.size()).isEqualTo(1);
    }
}
