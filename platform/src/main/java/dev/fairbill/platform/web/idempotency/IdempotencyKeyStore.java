package dev.fairbill.platform.web.idempotency;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.jdbc.ProcessLiveness;

/**
 * The {@code idempotency_keys} table. Every statement commits on its own, so that a claim is visible to concurrent
 * retries before the request runs, unless the filter runs claim, request and answer in one transaction; then a
 * concurrent retry's claim waits for the uncommitted row.
 */
public class IdempotencyKeyStore {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyStore.class);
    private static final int CLAIM_ROUNDS = 3;

    // Inserts a fresh claim, or takes over an expired row or an abandoned in-progress one of the same request.
    // Postgres locks the conflicting row, so of two concurrent takeovers only one sees the WHERE still true.
    // The in-progress row of the same request is taken over at once when the process that claimed it is gone (its
    // liveness lock died with it), and after the takeover timeout when that process still runs but seems stuck.
    private static final String CLAIM = """
            INSERT INTO idempotency_keys AS k (tenant, idempotency_key, request_method, request_path, request_hash,
                                               state, attempt, owner, created_at, expires_at)
            VALUES (:tenant, :key, :method, :path, :hash, 'IN_PROGRESS', :attempt, :owner, :now, :expiresAt)
            ON CONFLICT (tenant, idempotency_key) DO UPDATE
               SET request_method = EXCLUDED.request_method, request_path = EXCLUDED.request_path,
                   request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS', attempt = EXCLUDED.attempt,
                   owner = EXCLUDED.owner, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
                   response_status = NULL, response_content_type = NULL, response_body = NULL
             WHERE k.expires_at <= :now
                OR (k.state = 'IN_PROGRESS' AND k.request_hash = EXCLUDED.request_hash
                    AND (k.created_at <= :staleBefore OR NOT %s))
            RETURNING attempt
            """.formatted(ProcessLiveness.aliveCondition("k.owner"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;
    private final ProcessLiveness liveness;
    /** Claims this process could not complete or release because the database was out of reach. */
    private final Map<Attempt, Optional<StoredResponse>> unfinished = new ConcurrentHashMap<>();

    public IdempotencyKeyStore(JdbcClient jdbc, Clock clock, IdempotencyProperties properties,
                               ProcessLiveness liveness) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.liveness = liveness;
    }

    Claim claim(IdempotentRequest request) {
        for (int round = 0; round < CLAIM_ROUNDS; round++) {
            Instant now = clock.instant();
            Optional<UUID> claimed = jdbc.sql(CLAIM)
                    .param("tenant", request.tenant())
                    .param("key", request.key())
                    .param("method", request.method())
                    .param("path", request.path())
                    .param("hash", request.hash())
                    .param("attempt", UUID.randomUUID())
                    .param("owner", liveness.id())
                    .param("now", timestamp(now))
                    .param("expiresAt", timestamp(now.plus(properties.retention())))
                    .param("staleBefore", timestamp(now.minus(properties.takeoverAfter())))
                    .query(UUID.class)
                    .optional();
            if (claimed.isPresent()) {
                return new Claim.Claimed(new Attempt(request.tenant(), request.key(), claimed.get()));
            }
            Optional<Claim> existing = existing(request);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        // the row vanished between the two statements each time: a concurrent attempt keeps failing and retrying
        return new Claim.InProgress();
    }

    /** Stores the response in the transaction that claimed the key and ran the request; fails when it cannot. */
    void store(Attempt attempt, StoredResponse response) {
        write(attempt, Optional.of(response));
    }

    /** Stores the response, so that a retry replays it; while the database is out of reach, as soon as it is back. */
    void complete(Attempt attempt, StoredResponse response) {
        finish(attempt, Optional.of(response));
    }

    /**
     * Frees the key after a failure, so that a retry executes the request again; while the database is out of reach,
     * as soon as it is back.
     */
    void release(Attempt attempt) {
        finish(attempt, Optional.empty());
    }

    /**
     * Writes what this process could not write while the database was out of reach: its own claims would otherwise
     * stay in progress, and a retry would wait for the takeover timeout although the answer is known.
     *
     * @return how many claims are still unfinished
     */
    int finishUnfinished() {
        for (Map.Entry<Attempt, Optional<StoredResponse>> entry : unfinished.entrySet()) {
            try {
                write(entry.getKey(), entry.getValue());
            } catch (DataAccessException stillUnreachable) {
                break;
            }
            unfinished.remove(entry.getKey(), entry.getValue());
        }
        return unfinished.size();
    }

    private void finish(Attempt attempt, Optional<StoredResponse> response) {
        try {
            write(attempt, response);
        } catch (DataAccessException failure) {
            unfinished.put(attempt, response);
            log.warn("Idempotency key {} of tenant {} could not be {} now; retrying in the background: {}",
                    attempt.key(), attempt.tenant(), response.isPresent() ? "completed" : "released",
                    failure.getMessage());
        }
    }

    private void write(Attempt attempt, Optional<StoredResponse> response) {
        if (response.isEmpty()) {
            jdbc.sql("""
                            DELETE FROM idempotency_keys
                             WHERE tenant = :tenant AND idempotency_key = :key AND attempt = :attempt
                               AND state = 'IN_PROGRESS'
                            """)
                    .param("tenant", attempt.tenant())
                    .param("key", attempt.key())
                    .param("attempt", attempt.id())
                    .update();
            return;
        }
        int updated = jdbc.sql("""
                        UPDATE idempotency_keys
                           SET state = 'COMPLETED', response_status = :status,
                               response_content_type = :contentType, response_body = :body
                         WHERE tenant = :tenant AND idempotency_key = :key AND attempt = :attempt
                           AND state = 'IN_PROGRESS'
                        """)
                .param("status", response.get().status())
                .param("contentType", response.get().contentType())
                .param("body", response.get().body())
                .param("tenant", attempt.tenant())
                .param("key", attempt.key())
                .param("attempt", attempt.id())
                .update();
        if (updated == 0) {
            log.warn("Idempotency key {} of tenant {} was taken over by a retry; this response is not stored",
                    attempt.key(), attempt.tenant());
        }
    }

    public int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= :now")
                .param("now", timestamp(clock.instant()))
                .update();
    }

    private Optional<Claim> existing(IdempotentRequest request) {
        return jdbc.sql("""
                        SELECT request_hash, state, response_status, response_content_type, response_body
                          FROM idempotency_keys
                         WHERE tenant = :tenant AND idempotency_key = :key
                        """)
                .param("tenant", request.tenant())
                .param("key", request.key())
                .query((row, number) -> {
                    if (!MessageDigest.isEqual(row.getBytes("request_hash"), request.hash())) {
                        return (Claim) new Claim.KeyReused();
                    }
                    if ("COMPLETED".equals(row.getString("state"))) {
                        return new Claim.Replay(new StoredResponse(row.getInt("response_status"),
                                row.getString("response_content_type"), row.getBytes("response_body")));
                    }
                    return new Claim.InProgress();
                })
                .optional();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
