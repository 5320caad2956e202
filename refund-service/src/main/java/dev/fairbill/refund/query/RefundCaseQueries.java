package dev.fairbill.refund.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.PolicyEngine;
import dev.fairbill.refund.refundcase.Evidence;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads refund cases and incidents, always within the caller's tenant. */
@Component
public class RefundCaseQueries {

    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RefundCaseQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The case that paid out, or is paying out, under {@code refundId}. */
    public Optional<RefundCaseView> paidUnder(String tenant, String refundId) {
        return jdbc.sql("SELECT * FROM refund_cases WHERE refund_id = ? AND tenant = ?")
                .params(refundId, tenant)
                .query(this::view)
                .optional();
    }

    public Optional<RefundCaseView> find(String tenant, String caseId) {
        return jdbc.sql("SELECT * FROM refund_cases WHERE case_id = ? AND tenant = ?")
                .params(caseId, tenant)
                .query(this::view)
                .optional();
    }

    /** The tenant's cases after the cursor, oldest first, optionally of one status (the review queue: IN_REVIEW). */
    public List<RefundCaseView> list(String tenant, String status, long afterSeq, int limit) {
        return jdbc.sql("""
                        SELECT * FROM refund_cases WHERE tenant = ? AND (CAST(? AS VARCHAR) IS NULL OR status = ?)
                          AND seq > ? ORDER BY seq LIMIT ?""")
                .params(tenant, status, status, afterSeq, limit)
                .query(this::view)
                .list();
    }

    /** The tenant's cases waiting in review for an outage to be over, oldest first. */
    public List<RefundCaseView> waitingForOutage(String tenant) {
        return jdbc.sql("""
                        SELECT * FROM refund_cases
                        WHERE tenant = ? AND status = 'IN_REVIEW' AND decision ->> 'clause' = ? ORDER BY seq""")
                .params(tenant, PolicyEngine.OUTAGE_ONGOING)
                .query(this::view)
                .list();
    }

    public List<IncidentView> incidents(String tenant, long afterSeq, int limit) {
        return jdbc.sql("SELECT * FROM incidents WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?")
                .params(tenant, afterSeq, limit)
                .query(RefundCaseQueries::incident)
                .list();
    }

    public Optional<IncidentView> incident(String tenant, String incidentId) {
        return jdbc.sql("SELECT * FROM incidents WHERE tenant = ? AND incident_id = ?")
                .params(tenant, incidentId)
                .query(RefundCaseQueries::incident)
                .optional();
    }

    private static IncidentView incident(ResultSet row, int n) throws SQLException {
        return new IncidentView(row.getLong("seq"), row.getString("incident_id"), instant(row, "started_at"),
                instant(row, "ended_at"), row.getString("scope"), row.getString("description"),
                instant(row, "recorded_at"));
    }

    private RefundCaseView view(ResultSet row, int n) throws SQLException {
        String currency = row.getString("currency");
        return new RefundCaseView(row.getLong("seq"), row.getString("case_id"), row.getString("tenant"),
                row.getString("account_id"), row.getString("target_kind"), row.getString("target_id"),
                row.getString("charge_id"), row.getString("reason"), row.getString("status"),
                json.readValue(row.getString("decision"), Decision.class), money(row, "amount", currency),
                row.getString("destination"),
                instant(row, "review_due_by"), row.getBoolean("escalated"), row.getString("review_note"),
                row.getString("reviewer"), json.readValue(row.getString("evidence"), EVIDENCE),
                instant(row, "created_at"), instant(row, "decided_at"), execution(row),
                row.getString("review_remedy") == null ? null
                        : json.readValue(row.getString("review_remedy"), Decision.Remedy.class),
                money(row, "requested", currency));
    }

    private static RefundCaseView.Execution execution(ResultSet row) throws SQLException {
        String status = row.getString("status");
        // a case back in review after its payout was reversed shows what happened to that payout
        boolean started = row.getString("refund_id") != null
                || !List.of("IN_REVIEW", "APPROVED", "DENIED").contains(status);
        if (!started) {
            return null;
        }
        String currency = row.getString("currency");
        return new RefundCaseView.Execution(row.getString("refund_id"), row.getInt("payout_attempts"),
                row.getString("failure_code"), row.getString("remedy_note"), instant(row, "settled_at"),
                money(row, "paid_to_payment_method", currency), money(row, "paid_to_balance", currency));
    }

    private static Money money(ResultSet row, String column, String currency) throws SQLException {
        long amount = row.getLong(column);
        return row.wasNull() || currency == null ? null : Money.of(amount, currency);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
