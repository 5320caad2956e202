package dev.fairbill.gateway.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One in-memory token bucket per API key id; the map stays as small as the configured key list. */
public final class ApiKeyRateLimiter {

    private final int burst;
    private final double requestsPerSecond;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ApiKeyRateLimiter(int burst, double requestsPerSecond, Clock clock) {
        this.burst = burst;
        this.requestsPerSecond = requestsPerSecond;
        this.clock = clock;
    }

    public RateLimitDecision tryAcquire(String keyId) {
        return buckets.computeIfAbsent(keyId, id -> new TokenBucket(burst, requestsPerSecond, clock)).tryTake();
    }
}
