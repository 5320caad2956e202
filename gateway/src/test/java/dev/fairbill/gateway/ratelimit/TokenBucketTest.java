package dev.fairbill.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.gateway.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:15:30Z"));

    @Test
    void burstIsAdmittedAtOnceThenRejected() {
        TokenBucket bucket = new TokenBucket(3, 1, clock);

        assertThat(bucket.tryTake().admitted()).isTrue();
        assertThat(bucket.tryTake().admitted()).isTrue();
        assertThat(bucket.tryTake().admitted()).isTrue();
        assertThat(bucket.tryTake().admitted()).isFalse();
    }

    @Test
    void tokensRefillAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(1, 4, clock);
        bucket.tryTake();

        clock.advance(Duration.ofMillis(200));
        assertThat(bucket.tryTake().admitted()).isFalse();

        clock.advance(Duration.ofMillis(50));
        assertThat(bucket.tryTake().admitted()).isTrue();
        assertThat(bucket.tryTake().admitted()).isFalse();
    }

    @Test
    void retryAfterIsTheTimeUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(1, 2, clock);
        bucket.tryTake();

        assertThat(bucket.tryTake().retryAfter()).isEqualTo(Duration.ofMillis(500));

        clock.advance(Duration.ofMillis(200));
        assertThat(bucket.tryTake().retryAfter()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void admittedRequestNeedsNoWait() {
        assertThat(new TokenBucket(1, 1, clock).tryTake().retryAfter()).isZero();
    }

    @Test
    void idleTimeNeverFillsBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 10, clock);

        clock.advance(Duration.ofHours(1));

        assertThat(bucket.tryTake().admitted()).isTrue();
        assertThat(bucket.tryTake().admitted()).isTrue();
        assertThat(bucket.tryTake().admitted()).isFalse();
    }

    @Test
    void clockSteppingBackwardsMintsNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, clock);
        bucket.tryTake();

        clock.advance(Duration.ofSeconds(-30));
        assertThat(bucket.tryTake().admitted()).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(bucket.tryTake().admitted()).isFalse();
    }

    @Test
    void fractionalRateRefillsSlowly() {
        TokenBucket bucket = new TokenBucket(1, 0.5, clock);
        bucket.tryTake();

        assertThat(bucket.tryTake().retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void bucketWithoutCapacityOrRateIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(0, 1, clock));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(1, 0, clock));
    }
}
