package dev.fairbill.refund.query;

import java.time.Instant;
import java.util.List;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.refundcase.Evidence;
import dev.fairbill.refund.policy.Decision;

/** A refund case as the read model holds it; {@code seq} orders the list and is its cursor. */
public record RefundCaseView(long seq, String id, String tenant, String accountId, String targetKind,
                             String targetId, String chargeId, String reason, String status, Decision decision,
                             Money amount, String destination, Instant reviewDueBy, boolean escalated,
                             String reviewNote, String reviewer, List<Evidence> evidence, Instant createdAt,
                             Instant decidedAt, Execution execution, Decision.Remedy reviewRemedy,
                             Money requested) {

    /**
     * How the approved case was carried out, once the saga started: the refund id every payout attempt carries, the
     * attempts, the last refusal, the operator's note on a remedy, and when it settled.
     */
    /** @param toPaymentMethod and {@code toBalance}: where the payout went, once paid out; otherwise null */
    public record Execution(String refundId, int attempts, String failureCode, String remedyNote,
                            Instant settledAt, Money toPaymentMethod, Money toBalance) {
    }
}
