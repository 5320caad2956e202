package dev.fairbill.platform.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes and reads the audit trail ({@code audit_entries}). A service's projection records an entry from the event
 * that made the change, in the command's transaction; the event's id makes a replayed event change nothing.
 */
public class AuditTrail {

    private final JdbcClient jdbc;

    public AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param resourceId the object the action changed (a refund case, a lot, an incident)
     * @param accountId  the account it belongs to, if any, so the trail can be read by account too
     * @param action     what was done, e.g. {@code refund-case.approved}
     * @param detail     a short human-readable summary (amounts, reasons); never secrets or card data
     */
    public void record(String eventId, String tenant, String resourceId, String accountId, String action, Actor actor,
                       Instant at, String detail) {
        Actor who = actor == null ? Actor.service() : actor;
        jdbc.sql("""
                        INSERT INTO audit_entries (event_id, tenant, resource_id, account_id, action, key_id,
                                                   request_id, occurred_at, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING""")
                .params(eventId, tenant, resourceId, accountId, action, who.keyId(), who.requestId(),
                        Timestamp.from(at), detail)
                .update();
    }

    /** The tenant's entries about {@code resource} (or the account it names), oldest first, after {@code afterSeq}. */
    public List<AuditEntry> entries(String tenant, String resource, long afterSeq, int limit) {
        return jdbc.sql("""
                        SELECT seq, resource_id, account_id, action, key_id, request_id, occurred_at, detail
                        FROM audit_entries
                        WHERE tenant = ? AND (resource_id = ? OR account_id = ?) AND seq > ?
                        ORDER BY seq
                        LIMIT ?""")
                .params(tenant, resource, resource, afterSeq, limit)
                .query((row, n) -> new AuditEntry(row.getLong("seq"), row.getString("resource_id"),
                        row.getString("account_id"), row.getString("action"),
                        new Actor(row.getString("key_id"), row.getString("request_id")),
                        row.getTimestamp("occurred_at").toInstant(), row.getString("detail")))
                .list();
    }

    public record AuditEntry(long seq, String resource, String accountId, String action, Actor actor, Instant at,
                             String detail) {
    }
}
