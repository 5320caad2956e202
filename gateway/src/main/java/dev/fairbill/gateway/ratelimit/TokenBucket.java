package dev.fairbill.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds up to {@code capacity} tokens, refilled continuously at {@code tokensPerSecond}; each request takes one.
 * A lock rather than {@code synchronized} so that virtual threads waiting on it do not pin their carrier thread.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double tokensPerSecond;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private double tokens;
    private Instant lastRefill;

    public TokenBucket(int capacity, double tokensPerSecond, Clock clock) {
        if (capacity < 1 || !(tokensPerSecond > 0)) {
            throw new IllegalArgumentException("capacity must be at least 1 and the refill rate positive");
        }
        this.capacity = capacity;
        this.tokensPerSecond = tokensPerSecond;
        this.clock = clock;
        this.tokens = capacity;
        this.lastRefill = clock.instant();
    }

    public RateLimitDecision tryTake() {
        lock.lock();
        try {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return RateLimitDecision.admit();
            }
            return RateLimitDecision.reject(untilNextToken());
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #tryTake()} would decide now, without taking a token. */
    public RateLimitDecision peek() {
        lock.lock();
        try {
            refill();
            return tokens >= 1 ? RateLimitDecision.admit() : RateLimitDecision.reject(untilNextToken());
        } finally {
            lock.unlock();
        }
    }

    /** Whether the bucket has refilled to its capacity, i.e. holds nothing a new bucket would not. */
    public boolean isFull() {
        lock.lock();
        try {
            refill();
            return tokens >= capacity;
        } finally {
            lock.unlock();
        }
    }

    private Duration untilNextToken() {
        double secondsUntilNextToken = (1 - tokens) / tokensPerSecond;
        return Duration.ofNanos((long) Math.ceil(secondsUntilNextToken * NANOS_PER_SECOND));
    }

    private void refill() {
        Instant now = clock.instant();
        // A clock that steps backwards must not mint tokens, so only forward time counts.
        if (now.isAfter(lastRefill)) {
            double elapsedSeconds = Duration.between(lastRefill, now).toNanos() / NANOS_PER_SECOND;
            tokens = Math.min(capacity, tokens + elapsedSeconds * tokensPerSecond);
            lastRefill = now;
        }
    }
}
