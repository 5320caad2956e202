package dev.fairbill.gateway.ratelimit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.gateway.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRateLimiterTest {

    private final ApiKeyRateLimiter limiter =
            new ApiKeyRateLimiter(1, 1, new MutableClock(Instant.parse("2026-11-22T10:15:30Z")));

    @Test
    void eachKeySpendsItsOwnBudget() {
        assertThat(limiter.tryAcquire("key_panel_admin").admitted()).isTrue();
        assertThat(limiter.tryAcquire("key_panel_admin").admitted()).isFalse();

        assertThat(limiter.tryAcquire("key_chat_admin").admitted()).isTrue();
    }
}
