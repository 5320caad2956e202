package dev.fairbill.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Two gateways' shared buckets against the real Redis ({@code FAIRBILL_TEST_REDIS_URL}, the local one on 6379 by
 * default): together they admit what one bucket holds, in parallel too; a Redis that does not answer leaves each
 * gateway limiting on its own, without failing a request, and says so in its metrics.
 */
class SharedRateLimitsIT {

    private static final String REDIS = System.getenv().getOrDefault("FAIRBILL_TEST_REDIS_URL",
            "redis://127.0.0.1:6379");
    /** A rate so slow that no token comes back during a test. */
    private static final double SLOW = 0.001;

    private final String prefix = "fairbill-it:" + UUID.randomUUID() + ":";
    private final List<SharedRateLimits> gateways = new ArrayList<>();

    @AfterEach
    void close() {
        gateways.forEach(SharedRateLimits::close);
    }

    @Test
    void twoGatewaysAdmitTogetherWhatOneBucketHolds() {
        Limiter first = gateway(REDIS).limiter("keys", 5, SLOW, local(5));
        Limiter second = gateway(REDIS).limiter("keys", 5, SLOW, local(5));

        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += (i % 2 == 0 ? first : second).tryAcquire("key_1").admitted() ? 1 : 0;
        }

        assertThat(admitted).isEqualTo(5);
        RateLimitDecision refused = second.tryAcquire("key_1");
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isGreaterThan(Duration.ofMinutes(10));
        // another key has a bucket of its own, and looking takes nothing
        assertThat(first.peek("key_2").admitted()).isTrue();
        assertThat(first.peek("key_2").admitted()).isTrue();
        assertThat(second.tryAcquire("key_2").admitted()).isTrue();
    }

    @Test
    void parallelRequestsOnTwoGatewaysAdmitExactlyTheBucket() throws Exception {
        Limiter first = gateway(REDIS).limiter("keys", 50, SLOW, local(50));
        Limiter second = gateway(REDIS).limiter("keys", 50, SLOW, local(50));
        List<Callable<Boolean>> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Limiter limiter = i % 2 == 0 ? first : second;
            requests.add(() -> limiter.tryAcquire("key_1").admitted());
        }

        long admitted;
        try (var threads = Executors.newFixedThreadPool(40)) {
            admitted = threads.invokeAll(requests).stream().filter(this::admitted).count();
        }

        assertThat(admitted).isEqualTo(50);
    }

    @Test
    void withRedisAwayEachGatewayLimitsOnItsOwnAndNoRequestFails() {
        var meters = new SimpleMeterRegistry();
        var limits = new SharedRateLimits("redis://127.0.0.1:1", prefix, Duration.ofMillis(200), Duration.ofMinutes(1),
                Clock.systemUTC(), meters);
        gateways.add(limits);
        Limiter limiter = limits.limiter("keys", 2, SLOW, local(2));

        List<Boolean> decisions = List.of(limiter.tryAcquire("key_1").admitted(),
                limiter.tryAcquire("key_1").admitted(), limiter.tryAcquire("key_1").admitted());

        assertThat(decisions).containsExactly(true, true, false);
        assertThat(meters.get("fairbill.gateway.rate.limit.fallbacks").tag("limiter", "keys").counter().count())
                .isEqualTo(3);
        assertThat(meters.get("fairbill.gateway.rate.limit.shared").gauge().value()).isZero();
    }

    @Test
    void whileRedisAnswersTheGaugeSaysTheLimitIsShared() {
        var meters = new SimpleMeterRegistry();
        var limits = new SharedRateLimits(REDIS, prefix, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Clock.systemUTC(), meters);
        gateways.add(limits);

        assertThat(limits.limiter("keys", 2, SLOW, local(2)).tryAcquire("key_1").admitted()).isTrue();

        assertThat(meters.get("fairbill.gateway.rate.limit.shared").gauge().value()).isEqualTo(1);
        assertThat(meters.get("fairbill.gateway.rate.limit.fallbacks").counter().count()).isZero();
    }

    private SharedRateLimits gateway(String url) {
        var limits = new SharedRateLimits(url, prefix, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Clock.systemUTC(), new SimpleMeterRegistry());
        gateways.add(limits);
        return limits;
    }

    private static RateLimiter local(int burst) {
        return new RateLimiter(burst, SLOW, 100, Clock.systemUTC());
    }

    private boolean admitted(Future<Boolean> decision) {
        try {
            return decision.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
