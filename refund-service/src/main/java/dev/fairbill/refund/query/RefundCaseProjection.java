package dev.fairbill.refund.query;

import java.sql.Timestamp;
import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.refund.refundcase.RefundCaseEvents;
import dev.fairbill.refund.refundcase.RefundCaseEvents.EvidenceAdded;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutAttemptFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPayoutReversed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.ReviewEscalated;
import dev.fairbill.refund.refundcase.RefundCaseStatus;
import dev.fairbill.refund.policy.Decision;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the {@code refund_cases} table in the command's transaction (subscribing, ADR 0003). Replaying an event
 * changes nothing: the opening inserts once, decisions only move a case out of review, evidence is keyed.
 */
@Component
@ProcessingGroup(RefundCaseProjection.PROCESSING_GROUP)
public class RefundCaseProjection {

    public static final String PROCESSING_GROUP = "refund-case-projection";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RefundCaseProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(RefundCaseOpened e) {
        Decision decision = e.decision();
        var requested = e.request().requestedAmount();
        jdbc.sql("""
                        INSERT INTO refund_cases (case_id, tenant, account_id, target_kind, target_id, charge_id,
                            reason, requested, currency, explanation, evidence, status, decision, amount,
                            destination, review_due_by, created_at, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB), ?, CAST(? AS JSONB), ?, ?, ?, ?, ?)
                        ON CONFLICT (case_id) DO NOTHING""")
                .params(e.caseId().value(), e.tenant(), e.accountId(), e.request().target().kind().name(),
                        e.request().target().id(), e.chargeId(), e.request().reason().name(),
                        requested == null ? null : requested.amount(),
                        decision.amount() != null ? decision.amount().currency().getCurrencyCode()
                                : requested == null ? null : requested.currency().getCurrencyCode(),
                        e.explanation(), json.writeValueAsString(e.evidence()), e.status().name(),
                        json.writeValueAsString(decision),
                        decision.amount() == null ? null : decision.amount().amount(),
                        decision.destination() == null ? null : decision.destination().name(),
                        timestamp(e.reviewDueBy()), Timestamp.from(e.openedAt()),
                        e.status() == RefundCaseStatus.IN_REVIEW ? null : Timestamp.from(e.openedAt()))
                .update();
    }

    @EventHandler
    void on(RefundCaseApproved e) {
        jdbc.sql("""
                        UPDATE refund_cases SET status = 'APPROVED', amount = ?, currency = COALESCE(?, currency),
                            destination = ?, review_remedy = CAST(? AS JSONB), review_note = ?, reviewer = ?,
                            decided_at = ?, failure_code = NULL, settled_at = NULL
                        WHERE case_id = ? AND status IN ('IN_REVIEW', 'FAILED')""")
                .params(e.amount() == null ? null : e.amount().amount(),
                        e.amount() == null ? null : e.amount().currency().getCurrencyCode(),
                        e.destination() == null ? null : e.destination().name(),
                        e.remedy() == null ? null : json.writeValueAsString(e.remedy()),
                        e.note(), e.reviewer(), Timestamp.from(e.approvedAt()), e.caseId().value())
                .update();
    }

    @EventHandler
    void on(RefundCaseRejected e) {
        jdbc.sql("""
                        UPDATE refund_cases SET status = 'DENIED', review_note = ?, reviewer = ?, decided_at = ?
                        WHERE case_id = ? AND status IN ('IN_REVIEW', 'FAILED')""")
                .params(e.note(), e.reviewer(), Timestamp.from(e.rejectedAt()), e.caseId().value())
                .update();
    }

    @EventHandler
    void on(EvidenceAdded e) {
        String piece = json.writeValueAsString(e.evidence());
        jdbc.sql("""
                        UPDATE refund_cases SET evidence = evidence || jsonb_build_array(CAST(? AS JSONB))
                        WHERE case_id = ? AND NOT evidence @> jsonb_build_array(CAST(? AS JSONB))""")
                .params(piece, e.caseId().value(), piece)
                .update();
    }

    @EventHandler
    void on(ReviewEscalated e) {
        jdbc.sql("UPDATE refund_cases SET escalated = TRUE WHERE case_id = ?").param(e.caseId().value()).update();
    }

    @EventHandler
    void on(PayoutRequested e) {
        jdbc.sql("""
                        UPDATE refund_cases SET status = 'EXECUTING', refund_id = ?, payout_attempts = ?
                        WHERE case_id = ? AND status IN ('APPROVED', 'EXECUTING') AND payout_attempts < ?""")
                .params(e.refundId(), e.attempt(), e.caseId().value(), e.attempt())
                .update();
    }

    @EventHandler
    void on(PayoutAttemptFailed e) {
        jdbc.sql("UPDATE refund_cases SET failure_code = ? WHERE case_id = ? AND status = 'EXECUTING'")
                .params(e.failureCode(), e.caseId().value())
                .update();
    }

    @EventHandler
    void on(RemedyRequested e) {
        jdbc.sql("UPDATE refund_cases SET status = 'EXECUTING' WHERE case_id = ? AND status = 'APPROVED'")
                .param(e.caseId().value())
                .update();
    }

    @EventHandler
    void on(RefundPaidOut e) {
        RefundCaseEvents.Legs legs = e.legs() != null ? e.legs()
                : RefundCaseEvents.Legs.of(e.amount(), e.destination(), null);
        jdbc.sql("""
                        UPDATE refund_cases SET paid_to_payment_method = ?, paid_to_balance = ?
                        WHERE case_id = ? AND status = 'EXECUTING'""")
                .params(legs.toPaymentMethod().amount(), legs.toBalance().amount(), e.caseId().value())
                .update();
        settle(e.caseId().value(), RefundCaseStatus.COMPLETED, null, e.paidAt());
    }

    /** Back in review: what the processor reversed is no longer paid, and the case has a new deadline. */
    @EventHandler
    void on(RefundPayoutReversed e) {
        jdbc.sql("""
                        UPDATE refund_cases SET status = 'IN_REVIEW', review_due_by = ?, escalated = FALSE,
                               failure_code = ?, settled_at = NULL,
                               paid_to_payment_method = GREATEST(COALESCE(paid_to_payment_method, 0) - ?, 0)
                        WHERE case_id = ? AND status = 'COMPLETED'""")
                .params(Timestamp.from(e.reviewDueBy()), e.failureCode(), e.amount().amount(), e.caseId().value())
                .update();
    }

    @EventHandler
    void on(RefundExecutionFailed e) {
        settle(e.caseId().value(), RefundCaseStatus.FAILED, null, e.failedAt());
    }

    @EventHandler
    void on(RemedyApplied e) {
        settle(e.caseId().value(), RefundCaseStatus.REMEDIED, e.note(), e.appliedAt());
    }

    private void settle(String caseId, RefundCaseStatus status, String remedyNote, Instant settledAt) {
        jdbc.sql("""
                        UPDATE refund_cases SET status = ?, remedy_note = ?, settled_at = ?
                        WHERE case_id = ? AND status = 'EXECUTING'""")
                .params(status.name(), remedyNote, Timestamp.from(settledAt), caseId)
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
