package dev.fairbill.billing.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceSubmitted;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeFundsReinstated;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeFundsWithdrawn;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeUpdated;
import dev.fairbill.platform.money.Money;

/** Keeps the {@code disputes} table, in the command's transaction (ADR 0003); replaying an event changes nothing. */
@Component
@ProcessingGroup(DisputeProjection.PROCESSING_GROUP)
public class DisputeProjection {

    public static final String PROCESSING_GROUP = "dispute-projection";

    private final JdbcClient jdbc;

    public DisputeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DisputeOpened event) {
        jdbc.sql("""
                        INSERT INTO disputes (id, tenant, processor, processor_dispute_id, charge_id, account_id,
                                              amount, currency, reason, status, due_by, opened_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.disputeId().value(), event.tenant(), event.processor(), event.processorDisputeId(),
                        event.chargeId().value(), event.accountId().value(), event.amount().amount(),
                        event.amount().currency().getCurrencyCode(), event.reason(), timestamp(event.dueBy()),
                        timestamp(event.openedAt()))
                .update();
    }

    @EventHandler
    void on(DisputeUpdated event) {
        jdbc.sql("UPDATE disputes SET amount = ?, currency = ?, reason = ?, due_by = ? WHERE id = ?")
                .params(event.amount().amount(), event.amount().currency().getCurrencyCode(), event.reason(),
                        timestamp(event.dueBy()), event.disputeId().value())
                .update();
    }

    @EventHandler
    void on(DisputeFundsWithdrawn event) {
        jdbc.sql("UPDATE disputes SET funds_withdrawn = TRUE WHERE id = ?").param(event.disputeId().value()).update();
    }

    @EventHandler
    void on(DisputeFundsReinstated event) {
        jdbc.sql("UPDATE disputes SET funds_withdrawn = FALSE WHERE id = ?").param(event.disputeId().value())
                .update();
    }

    @EventHandler
    void on(DisputeClosed event) {
        jdbc.sql("UPDATE disputes SET status = 'CLOSED', outcome = ?, closed_at = ? WHERE id = ?")
                .params(event.outcome().name(), timestamp(event.closedAt()), event.disputeId().value())
                .update();
    }

    @EventHandler
    void on(DisputeEvidenceSubmitted event) {
        jdbc.sql("""
                        UPDATE disputes SET evidence_submission = ?, evidence_detail = ?, evidence_submitted_at = ?
                        WHERE id = ?""")
                .params(event.submission().name(), event.detail(), timestamp(event.at()), event.disputeId().value())
                .update();
    }

    public Optional<DisputeView> find(String tenant, String disputeId) {
        return jdbc.sql(SELECT + " WHERE id = ? AND tenant = ?").params(disputeId, tenant).query(DISPUTE).optional();
    }

    /** The dispute {@code disputeId} of whichever tenant, for billing's own processes. */
    public Optional<DisputeView> byId(String disputeId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(disputeId).query(DISPUTE).optional();
    }

    private static final String SELECT = """
            SELECT id, tenant, processor, processor_dispute_id, charge_id, account_id, amount, currency, reason,
                   status, due_by, outcome, funds_withdrawn, opened_at, closed_at, evidence_submission,
                   evidence_detail, evidence_submitted_at
              FROM disputes""";

    private static final RowMapper<DisputeView> DISPUTE = (row, n) -> new DisputeView(row.getString("id"),
            row.getString("tenant"), row.getString("processor"), row.getString("processor_dispute_id"),
            row.getString("charge_id"), row.getString("account_id"),
            Money.of(row.getLong("amount"), row.getString("currency")), row.getString("reason"),
            row.getString("status"), instant(row.getTimestamp("due_by")), row.getString("outcome"),
            row.getBoolean("funds_withdrawn"), instant(row.getTimestamp("opened_at")),
            instant(row.getTimestamp("closed_at")), row.getString("evidence_submission") == null ? null
                    : new DisputeView.Evidence(row.getString("evidence_submission"), row.getString("evidence_detail"),
                            instant(row.getTimestamp("evidence_submitted_at"))));

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
