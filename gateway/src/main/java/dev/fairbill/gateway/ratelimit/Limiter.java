package dev.fairbill.gateway.ratelimit;

/** Token buckets by key: kept in this gateway ({@link RateLimiter}) or shared by all gateways ({@link SharedRateLimiter}). */
public interface Limiter {

    /** Takes a token of {@code key}'s bucket if it has one. */
    RateLimitDecision tryAcquire(String key);

    /** Whether {@code key}'s bucket is empty now, without taking anything. */
    RateLimitDecision peek(String key);
}
