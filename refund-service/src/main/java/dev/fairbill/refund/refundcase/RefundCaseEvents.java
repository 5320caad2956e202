package dev.fairbill.refund.refundcase;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest;

/** The RefundCase's events. */
public final class RefundCaseEvents {

    /**
     * @param status              {@code IN_REVIEW}, {@code APPROVED} or {@code DENIED}, from the decision's outcome
     * @param cancelsSubscription an approved refund of this subscription also cancels it (cooling-off-prorata's
     * template)
     * @param subscriptionToCancel the subscription it cancels: the target, or the subscription the target charge paid
     *                             for; {@code null} in cases opened before it was recorded (then the target)
     */
    @StoredAs("refund.RefundCaseOpened")
    @Revision("1")
    public record RefundCaseOpened(RefundCaseId caseId, String tenant, String accountId, RefundRequest request,
                                   String chargeId, String explanation, List<Evidence> evidence, Decision decision,
                                   RefundCaseStatus status, Instant reviewDueBy, Instant openedAt,
                                   boolean cancelsSubscription, String subscriptionToCancel) {

        public RefundCaseOpened(RefundCaseId caseId, String tenant, String accountId, RefundRequest request,
                                String chargeId, String explanation, List<Evidence> evidence, Decision decision,
                                RefundCaseStatus status, Instant reviewDueBy, Instant openedAt,
                                boolean cancelsSubscription) {
            this(caseId, tenant, accountId, request, chargeId, explanation, evidence, decision, status, reviewDueBy,
                    openedAt, cancelsSubscription, cancelsSubscription
                            && request.target().kind() == RefundRequest.TargetKind.SUBSCRIPTION
                            ? request.target().id() : null);
        }
    }

    /**
     * A reviewer approved the case in review; {@code policyDecision} is what the policy had said (NEEDS_REVIEW). The
     * approval pays {@code amount} to {@code destination}, or, with {@code remedy}, grants that instead of money.
     */
    @StoredAs("refund.RefundCaseApproved")
    @Revision("1")
    public record RefundCaseApproved(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                     RefundRequest request, Decision policyDecision, Money amount,
                                     Decision.Destination destination, String note, String reviewer,
                                     Instant approvedAt, Actor actor, Decision.Remedy remedy) {

        public RefundCaseApproved(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                  RefundRequest request, Decision policyDecision, Money amount,
                                  Decision.Destination destination, String note, String reviewer, Instant approvedAt,
                                  Actor actor) {
            this(caseId, tenant, accountId, chargeId, request, policyDecision, amount, destination, note, reviewer,
                    approvedAt, actor, null);
        }

        public RefundCaseApproved(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                  RefundRequest request, Decision policyDecision, Money amount,
                                  Decision.Destination destination, String note, String reviewer, Instant approvedAt) {
            this(caseId, tenant, accountId, chargeId, request, policyDecision, amount, destination, note, reviewer,
                    approvedAt, Actor.service());
        }
    }

    @StoredAs("refund.RefundCaseRejected")
    @Revision("1")
    public record RefundCaseRejected(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                     RefundRequest request, Decision policyDecision, String note, String reviewer,
                                     Instant rejectedAt, Actor actor) {

        public RefundCaseRejected(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                  RefundRequest request, Decision policyDecision, String note, String reviewer,
                                  Instant rejectedAt) {
            this(caseId, tenant, accountId, chargeId, request, policyDecision, note, reviewer, rejectedAt,
                    Actor.service());
        }
    }

    @StoredAs("refund.EvidenceAdded")
    @Revision("1")
    public record EvidenceAdded(RefundCaseId caseId, String tenant, Evidence evidence, Instant addedAt) {
    }

    /** The review was not decided by its deadline; the case stays in review, escalated. */
    @StoredAs("refund.ReviewEscalated")
    @Revision("1")
    public record ReviewEscalated(RefundCaseId caseId, String tenant, String accountId, Instant reviewDueBy,
                                  Instant escalatedAt) {
    }

    /**
     * The approved money is on its way: a refund of the charge to its original payment method, or a
     * {@code REFUND_BALANCE} lot. Every attempt carries the same {@code refundId}, which billing and the ledger apply
     * at most once: a retry can never pay out twice.
     */
    @StoredAs("refund.PayoutRequested")
    @Revision("1")
    public record PayoutRequested(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                  String refundId, Money amount, Decision.Destination destination, int attempt,
                                  String reason, Instant requestedAt) {
    }

    /** The payout attempt was refused; {@code final} when no attempt follows (the case then fails). */
    @StoredAs("refund.PayoutAttemptFailed")
    @Revision("1")
    public record PayoutAttemptFailed(RefundCaseId caseId, String tenant, String refundId, int attempt,
                                      String failureCode, boolean finalAttempt, Instant failedAt) {
    }

    @StoredAs("refund.RefundPaidOut")
    @Revision("1")
    public record RefundPaidOut(RefundCaseId caseId, String tenant, String accountId, String refundId, Money amount,
                                Decision.Destination destination, Instant paidAt, Legs legs) {

        public RefundPaidOut(RefundCaseId caseId, String tenant, String accountId, String refundId, Money amount,
                             Decision.Destination destination, Instant paidAt) {
            this(caseId, tenant, accountId, refundId, amount, destination, paidAt, Legs.of(amount, destination, null));
        }
    }

    /**
     * Where a payout went: to the payment method and to the account's cash balance; a refund to the payment method of
     * a charge the balance partly paid goes back to both (they add up to the amount paid out).
     */
    public record Legs(Money toPaymentMethod, Money toBalance) {

        public static Legs of(Money amount, Decision.Destination destination, Money balancePart) {
            if (destination == Decision.Destination.ACCOUNT_BALANCE) {
                return new Legs(Money.zero(amount.currency()), amount);
            }
            Money toBalance = balancePart == null ? Money.zero(amount.currency()) : balancePart;
            return new Legs(amount.minus(toBalance), toBalance);
        }
    }

    /** The payout failed for good; the case goes back to the reviewers as {@code FAILED}. Nothing was paid. */
    @StoredAs("refund.RefundExecutionFailed")
    @Revision("1")
    public record RefundExecutionFailed(RefundCaseId caseId, String tenant, String accountId, String refundId,
                                        String failureCode, Instant failedAt) {
    }

    /**
     * The remedy is under way: credits are granted under {@code operationId}, a refill is requested from the
     * delivering system, or (extension, correction, operational fix) a task waits for an operator.
     *
     * @param targetId the purchase to refill, the subscription to extend, … (the request's target)
     */
    @StoredAs("refund.RemedyRequested")
    @Revision("1")
    public record RemedyRequested(RefundCaseId caseId, String tenant, String accountId, String kind, Long credits,
                                  String operationId, String targetId, Instant requestedAt) {
    }

    @StoredAs("refund.RemedyApplied")
    @Revision("1")
    public record RemedyApplied(RefundCaseId caseId, String tenant, String accountId, String kind, String note,
                                String appliedBy, Instant appliedAt, Actor actor) {

        public RemedyApplied(RefundCaseId caseId, String tenant, String accountId, String kind, String note,
                             String appliedBy, Instant appliedAt) {
            this(caseId, tenant, accountId, kind, note, appliedBy, appliedAt, Actor.service());
        }
    }

    /** cooling-off-prorata's template: an approved refund of a subscription also cancels it immediately. */
    @StoredAs("refund.SubscriptionCancellationRequested")
    @Revision("1")
    public record SubscriptionCancellationRequested(RefundCaseId caseId, String tenant, String accountId,
                                                    String subscriptionId, Instant requestedAt) {
    }

    private RefundCaseEvents() {
    }
}
