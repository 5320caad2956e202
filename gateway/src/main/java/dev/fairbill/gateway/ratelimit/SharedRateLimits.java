package dev.fairbill.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The token buckets every gateway shares, in Redis: one hash per bucket, taken from and refilled by one Lua script,
 * so that N gateways enforce one limit, not N. One connection per gateway (Lettuce multiplexes the requests of all
 * threads on it), each call bounded by a short timeout.
 * <p>
 * When Redis does not answer, each limiter falls back to its own buckets in this gateway for {@code retryAfter}, then
 * tries Redis again: requests are still limited, per gateway, and never fail for it. The gauge
 * {@code fairbill_gateway_rate_limit_shared} says which is in force (1 shared, 0 local), and
 * {@code fairbill_gateway_rate_limit_fallbacks_total} counts the decisions taken locally.
 */
public final class SharedRateLimits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedRateLimits.class);
    private static final int WARM_UP_ATTEMPTS = 5;
    private static final Duration WARM_UP_PAUSE = Duration.ofMillis(100);
    public static final String SHARED = "fairbill.gateway.rate.limit.shared";
    public static final String SHARED_DESCRIPTION = "1 while the gateways share their rate limits through Redis, 0 while"
            + " this gateway limits on its own (no Redis configured, or Redis does not answer)";

    /**
     * KEYS[1] the bucket; ARGV: capacity, tokens per second, tokens to take (1, or 0 to look), now in microseconds.
     * Returns {admitted (1 or 0), microseconds until a token}. The gateway's clock gives the time; a time earlier
     * than the bucket's last one mints nothing, so gateways whose clocks differ a little cannot add tokens. A bucket
     * left alone expires once it would be full again.
     */
    static final String SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local take = tonumber(ARGV[3])
            local now = tonumber(ARGV[4])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            if now > at then
              tokens = math.min(capacity, tokens + (now - at) * rate / 1000000)
              at = now
            end
            if tokens >= 1 then
              if take > 0 then
                redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - take), 'at', tostring(at))
                redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
              end
              return {1, 0}
            end
            return {0, math.ceil((1 - tokens) * 1000000 / rate)}
            """;

    private final RedisClient client;
    private final String prefix;
    private final Duration retryAfter;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String sha;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    /** Until when Redis is not asked after it failed; decisions are local meanwhile. */
    private volatile Instant localUntil = Instant.MIN;

    /**
     * @param url        Redis, e.g. {@code redis://redis:6379}
     * @param prefix     the keys' prefix: gateways that share limits share it
     * @param timeout    how long a decision may wait for Redis before it is taken locally
     * @param retryAfter how long decisions stay local after Redis failed
     */
    public SharedRateLimits(String url, String prefix, Duration timeout, Duration retryAfter, Clock clock,
                            MeterRegistry meters) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        // a Redis that is away fails a decision at once, instead of holding it until it is back
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.prefix = prefix;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.meters = meters;
        this.sha = sha1(SCRIPT);
        Gauge.builder(SHARED, () -> Instant.now(clock).isBefore(localUntil) ? 0 : 1).description(SHARED_DESCRIPTION)
                .register(meters);
        warmUp();
    }

    /**
     * Connects and loads the script before the first request. A JVM's first connection and first command take longer
     * than a decision may wait, so without this a gateway just started fails its first decision and limits on its own
     * for {@code retryAfter}, letting a key through once per gateway. A Redis that is away is tried again by later
     * decisions.
     */
    private void warmUp() {
        for (int attempt = 1; attempt <= WARM_UP_ATTEMPTS; attempt++) {
            try {
                connection().sync().scriptLoad(SCRIPT);
                return;
            } catch (RedisException | IllegalStateException failed) {
                if (attempt == WARM_UP_ATTEMPTS) {
                    log.warn("Redis did not answer at start; this gateway limits on its own until it does: {}",
                            failed.toString());
                    return;
                }
                try {
                    Thread.sleep(WARM_UP_PAUSE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A limiter of buckets named {@code name} (e.g. {@code keys}), with {@code local} when Redis does not answer. */
    public Limiter limiter(String name, int capacity, double tokensPerSecond, RateLimiter local) {
        Counter fallbacks = Counter.builder("fairbill.gateway.rate.limit.fallbacks")
                .description("Rate-limit decisions this gateway took on its own because Redis did not answer")
                .tag("limiter", name).register(meters);
        return new Limiter() {
            @Override
            public RateLimitDecision tryAcquire(String key) {
                return sharedOr(key, 1, local::tryAcquire);
            }

            @Override
            public RateLimitDecision peek(String key) {
                return sharedOr(key, 0, local::peek);
            }

            /** Redis's decision, or this gateway's own when Redis does not answer. */
            private RateLimitDecision sharedOr(String key, int take, Function<String, RateLimitDecision> locally) {
                RateLimitDecision shared = decide(name, key, capacity, tokensPerSecond, take);
                if (shared != null) {
                    return shared;
                }
                fallbacks.increment();
                return locally.apply(key);
            }
        };
    }

    /** Redis's decision, or null when it does not answer (then Redis rests for {@code retryAfter}). */
    private RateLimitDecision decide(String name, String key, int capacity, double tokensPerSecond, int take) {
        Instant now = clock.instant();
        if (now.isBefore(localUntil)) {
            return null;
        }
        String[] keys = {prefix + name + ":" + key};
        String[] args = {Integer.toString(capacity), Double.toString(tokensPerSecond), Integer.toString(take),
                Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000)};
        try {
            var redis = connection().sync();
            List<Long> answer;
            try {
                answer = redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException notLoaded) {
                answer = redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
            }
            return answer.get(0) == 1L ? RateLimitDecision.admit()
                    : RateLimitDecision.reject(Duration.ofNanos(answer.get(1) * 1_000L));
        } catch (RedisException | IllegalStateException failed) {
            localUntil = now.plus(retryAfter);
            log.warn("Redis did not answer a rate-limit decision; this gateway limits on its own for {}: {}",
                    retryAfter, failed.toString());
            return null;
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> open = connection.get();
        if (open != null && open.isOpen()) {
            return open;
        }
        synchronized (connection) {
            open = connection.get();
            if (open == null || !open.isOpen()) {
                open = client.connect();
                connection.set(open);
            }
            return open;
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> open = connection.getAndSet(null);
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
