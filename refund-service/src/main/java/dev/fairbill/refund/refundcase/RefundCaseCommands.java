package dev.fairbill.refund.refundcase;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest;

/** The commands a RefundCase accepts. */
public final class RefundCaseCommands {

    /**
     * Opens a case with the policy's decision, made from the facts known when the request arrived.
     *
     * @param chargeId    the charge the money went through, or {@code null} when none was captured
     * @param refundable  what is still refundable on that charge: a reviewer can never approve more
     * @param reviewDueBy for a {@code NEEDS_REVIEW} decision: when the review is due; otherwise {@code null}
     * @param cancelsSubscription the tenant's policy cancels a subscription whose refund is approved
     * (cooling-off-prorata)
     * @param subscriptionToCancel the subscription it cancels: the target, or the one the target charge paid for
     */
    public record OpenRefundCase(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, String accountId,
                                 RefundRequest request, String chargeId, String explanation,
                                 List<Evidence> evidence, Decision decision, Money refundable, Instant reviewDueBy,
                                 boolean cancelsSubscription, String subscriptionToCancel) {

        public OpenRefundCase(RefundCaseId caseId, String tenant, String accountId, RefundRequest request,
                              String chargeId, String explanation, List<Evidence> evidence, Decision decision,
                              Money refundable, Instant reviewDueBy, boolean cancelsSubscription) {
            this(caseId, tenant, accountId, request, chargeId, explanation, evidence, decision, refundable,
                    reviewDueBy, cancelsSubscription, cancelsSubscription
                            && request.target().kind() == RefundRequest.TargetKind.SUBSCRIPTION
                            ? request.target().id() : null);
        }
    }

    /**
     * A reviewer approves; {@code amount} and {@code destination} may lower the request, never pass the remainder.
     * With {@code remedy}, the approval grants the remedy instead of money (then no amount and no destination).
     */
    public record ApproveRefundCase(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, Money amount,
                                    Decision.Destination destination, Money refundable, String note,
                                    String reviewer, Actor actor, Decision.Remedy remedy) {

        public ApproveRefundCase(RefundCaseId caseId, String tenant, Money amount, Decision.Destination destination,
                                 Money refundable, String note, String reviewer, Actor actor) {
            this(caseId, tenant, amount, destination, refundable, note, reviewer, actor, null);
        }

        /** An approval by the service itself, not by a reviewer's key. */
        public ApproveRefundCase(RefundCaseId caseId, String tenant, Money amount, Decision.Destination destination,
                                 Money refundable, String note, String reviewer) {
            this(caseId, tenant, amount, destination, refundable, note, reviewer, Actor.service());
        }
    }

    public record RejectRefundCase(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, String note,
                                   String reviewer, Actor actor) {

        public RejectRefundCase(RefundCaseId caseId, String tenant, String note, String reviewer) {
            this(caseId, tenant, note, reviewer, Actor.service());
        }
    }

    public record AddEvidence(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, Evidence evidence) {
    }

    /** The execution saga starts carrying out an approved case: the payout or the remedy. Once. */
    public record ExecuteRefundCase(@TargetAggregateIdentifier RefundCaseId caseId) {
    }

    /** The saga asks again after a refused attempt, with the same refund id. */
    public record RetryPayout(@TargetAggregateIdentifier RefundCaseId caseId, int attempt) {
    }

    /**
     * Billing refunded the charge, or the ledger granted the balance, under the case's refund id.
     *
     * @param toBalance what of a refund to the payment method went back to the cash balance instead, because the
     *                  balance had paid that part of the charge; {@code null} when none
     */
    public record RecordPayout(@TargetAggregateIdentifier RefundCaseId caseId, String refundId, Money toBalance) {

        public RecordPayout(RefundCaseId caseId, String refundId) {
            this(caseId, refundId, null);
        }
    }

    /**
     * The processor reversed a refund billing had reported paid: {@code amount} went back to the merchant.
     *
     * @param reviewDueBy when the case, back in review, must be decided
     */
    public record RecordPayoutReversal(@TargetAggregateIdentifier RefundCaseId caseId, String refundId, Money amount,
                                       String failureCode, Instant reviewDueBy) {
    }

    /** @param finalAttempt no retry follows: the case fails */
    public record RecordPayoutFailure(@TargetAggregateIdentifier RefundCaseId caseId, String refundId,
                                      String failureCode, boolean finalAttempt) {
    }

    /**
     * The remedy is done: credits granted (the saga), or an operator finished the task.
     *
     * @param tenant the operator's tenant, or {@code null} when the saga records it
     */
    public record CompleteRemedy(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, String note,
                                 String completedBy, Actor actor) {

        public CompleteRemedy(RefundCaseId caseId, String tenant, String note, String completedBy) {
            this(caseId, tenant, note, completedBy, Actor.service());
        }
    }

    private RefundCaseCommands() {
    }
}
