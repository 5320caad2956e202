package dev.fairbill.gateway.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (an API key id, a client address, a tenant's webhook endpoint). The map holds at most
 * {@code maxKeys} buckets: when it is full, the buckets that have refilled completely are dropped (they hold no
 * state a new bucket would not), and if it is still full a new key shares one overflow bucket, so a caller that
 * invents keys (addresses) can neither grow memory nor escape the limit.
 */
public final class RateLimiter implements Limiter {

    static final String OVERFLOW = "\0overflow";

    private final int burst;
    private final double requestsPerSecond;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int burst, double requestsPerSecond, int maxKeys, Clock clock) {
        this.burst = burst;
        this.requestsPerSecond = requestsPerSecond;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    @Override
    public RateLimitDecision tryAcquire(String key) {
        return bucket(key).tryTake();
    }

    @Override
    public RateLimitDecision peek(String key) {
        TokenBucket bucket = buckets.get(key);
        return bucket == null ? RateLimitDecision.admit() : bucket.peek();
    }

    int size() {
        return buckets.size();
    }

    private TokenBucket bucket(String key) {
        TokenBucket existing = buckets.get(key);
        if (existing != null) {
            return existing;
        }
        if (buckets.size() >= maxKeys) {
            buckets.values().removeIf(TokenBucket::isFull);
            if (buckets.size() >= maxKeys) {
                return buckets.computeIfAbsent(OVERFLOW, id -> new TokenBucket(burst, requestsPerSecond, clock));
            }
        }
        return buckets.computeIfAbsent(key, id -> new TokenBucket(burst, requestsPerSecond, clock));
    }
}
