package dev.fairbill.billing.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.web.page.PageRequest;

/**
 * Merchant events and their deliveries ({@code merchant_events}, {@code merchant_deliveries}). An event is recorded
 * once, whatever how often its message arrives, with one delivery per endpoint that wants it. A delivery is sent only
 * when every earlier delivery of the same account to the same endpoint is done, so an endpoint hears of one account's
 * events in the order they were recorded.
 */
public class MerchantDeliveries {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    private static final int MAX_ERROR = 500;
    private static final String DELIVERY_COLUMNS = """
            d.seq, d.id, d.endpoint_id, d.event_id, ev.type, d.account_id, d.status, d.attempts, d.next_attempt_at,
            d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.replay_of, d.created_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public MerchantDeliveries(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** An event to record: its body is what endpoints receive. */
    record Event(String id, String tenant, String accountId, MerchantEventType type, byte[] body, Instant occurredAt) {
    }

    /** A delivery as the endpoint's owner sees it. */
    public record Delivery(long seq, String id, String endpointId, String eventId, String eventType, String accountId,
                           String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                           Integer lastStatus, String lastError, Instant deliveredAt, String replayOf,
                           Instant createdAt) {
    }

    /** A delivery taken to be sent now. */
    record Due(String id, String endpointId, String url, byte[] body, int attempts, Instant firstAttemptAt) {
    }

    /**
     * Records {@code event} with a delivery to each of {@code endpoints}, in one transaction; returns false (and
     * records nothing) when the event was recorded before, or no endpoint wants it.
     */
    boolean record(Event event, List<String> endpoints) {
        if (endpoints.isEmpty()) {
            return false;
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            Instant now = clock.instant();
            boolean recorded = jdbc.sql("""
                            INSERT INTO merchant_events (id, tenant, account_id, type, body, occurred_at, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                    .params(event.id(), event.tenant(), event.accountId(), event.type().wireName(), event.body(),
                            Timestamp.from(event.occurredAt()), Timestamp.from(now))
                    .update() == 1;
            if (recorded) {
                for (String endpoint : endpoints) {
                    insert(endpoint, event.id(), event.tenant(), event.accountId(), now, null);
                }
            }
            return recorded;
        }));
    }

    private String insert(String endpoint, String eventId, String tenant, String accountId, Instant now,
                          String replayOf) {
        String id = Ids.generate(IdPrefix.WEBHOOK_DELIVERY);
        jdbc.sql("""
                        INSERT INTO merchant_deliveries (id, endpoint_id, event_id, tenant, account_id, status,
                                                         next_attempt_at, replay_of, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, endpoint, eventId, tenant, accountId, PENDING, Timestamp.from(now), replayOf,
                        Timestamp.from(now))
                .update();
        return id;
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code claim}: pending, due, not claimed by another replica, to an
     * enabled endpoint, and the first pending one of their account for their endpoint.
     */
    List<Due> claimDue(int limit, java.time.Duration claim) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        WITH due AS (
                            SELECT d.id FROM merchant_deliveries d
                            JOIN merchant_endpoints e ON e.id = d.endpoint_id
                            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                              AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                              AND e.status = 'ENABLED' AND e.deleted_at IS NULL
                              AND NOT EXISTS (SELECT 1 FROM merchant_deliveries earlier
                                              WHERE earlier.endpoint_id = d.endpoint_id
                                                AND earlier.account_id = d.account_id
                                                AND earlier.status = 'PENDING' AND earlier.seq < d.seq)
                            ORDER BY d.next_attempt_at LIMIT :limit
                            FOR UPDATE OF d SKIP LOCKED),
                        claimed AS (
                            UPDATE merchant_deliveries d SET claimed_until = :until FROM due WHERE d.id = due.id
                            RETURNING d.id, d.endpoint_id, d.event_id, d.attempts, d.first_attempt_at)
                        SELECT c.id, c.endpoint_id, e.url, ev.body, c.attempts, c.first_attempt_at FROM claimed c
                        JOIN merchant_endpoints e ON e.id = c.endpoint_id
                        JOIN merchant_events ev ON ev.id = c.event_id""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .param("until", Timestamp.from(now.plus(claim)))
                .query((row, n) -> new Due(row.getString("id"), row.getString("endpoint_id"), row.getString("url"),
                        row.getBytes("body"), row.getInt("attempts"), instant(row, "first_attempt_at")))
                .list();
    }

    void delivered(Due due, int status, Instant at) {
        jdbc.sql("""
                        UPDATE merchant_deliveries SET status = 'DELIVERED', attempts = attempts + 1, claimed_until = NULL,
                               first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?, last_status = ?,
                               last_error = NULL, delivered_at = ?
                        WHERE id = ?""")
                .params(Timestamp.from(at), Timestamp.from(at), status, Timestamp.from(at), due.id()).update();
    }

    /** A failed attempt: tried again at {@code next}, or, with {@code next} null, given up. */
    void failed(Due due, Integer status, String error, Instant at, Instant next) {
        jdbc.sql("""
                        UPDATE merchant_deliveries SET status = ?, attempts = attempts + 1, claimed_until = NULL,
                               first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?, last_status = ?,
                               last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at)
                        WHERE id = ?""")
                .params(next == null ? FAILED : PENDING, Timestamp.from(at), Timestamp.from(at), status,
                        error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error,
                        next == null ? null : Timestamp.from(next), due.id())
                .update();
    }

    public List<Delivery> list(String endpointId, String status, PageRequest page) {
        long after = page.afterSequence();
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM merchant_deliveries d"
                        + " JOIN merchant_events ev ON ev.id = d.event_id"
                        + " WHERE d.endpoint_id = ? AND (?::text IS NULL OR d.status = ?) AND (? = 0 OR d.seq < ?)"
                        + " ORDER BY d.seq DESC LIMIT ?")
                .params(endpointId, status, status, after, after, page.fetchSize())
                .query(MerchantDeliveries::delivery).list();
    }

    public Optional<Delivery> find(String endpointId, String deliveryId) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM merchant_deliveries d"
                        + " JOIN merchant_events ev ON ev.id = d.event_id WHERE d.endpoint_id = ? AND d.id = ?")
                .params(endpointId, deliveryId).query(MerchantDeliveries::delivery).optional();
    }

    /** Sends a delivery's event again, as a new delivery after the account's others to this endpoint. */
    public Delivery replay(Delivery original, String tenant) {
        String id = transaction.execute(status -> insert(original.endpointId(), original.eventId(), tenant,
                original.accountId(), clock.instant(), original.id()));
        return find(original.endpointId(), id).orElseThrow();
    }

    long pending() {
        return jdbc.sql("SELECT count(*) FROM merchant_deliveries WHERE status = 'PENDING'").query(Long.class).single();
    }

    private static Delivery delivery(ResultSet row, int n) throws SQLException {
        int lastStatus = row.getInt("last_status");
        Integer last = row.wasNull() ? null : lastStatus;
        return new Delivery(row.getLong("seq"), row.getString("id"), row.getString("endpoint_id"), row.getString("event_id"),
                row.getString("type"), row.getString("account_id"), row.getString("status"), row.getInt("attempts"),
                instant(row, "next_attempt_at"), instant(row, "last_attempt_at"), last, row.getString("last_error"),
                instant(row, "delivered_at"), row.getString("replay_of"), instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
