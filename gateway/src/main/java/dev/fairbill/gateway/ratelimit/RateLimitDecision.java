package dev.fairbill.gateway.ratelimit;

import java.time.Duration;

/** Whether a request may pass and, if not, how long until the bucket holds a token again. */
public record RateLimitDecision(boolean admitted, Duration retryAfter) {

    private static final RateLimitDecision ADMITTED = new RateLimitDecision(true, Duration.ZERO);

    public static RateLimitDecision admit() {
        return ADMITTED;
    }

    public static RateLimitDecision reject(Duration retryAfter) {
        return new RateLimitDecision(false, retryAfter);
    }
}
