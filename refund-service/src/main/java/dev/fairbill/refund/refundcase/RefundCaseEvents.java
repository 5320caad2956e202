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
     * A case was opened with the policy's decision. Revision 2 keeps the customer's claim, the policy's assessment and
     * the subscription the case would cancel as values; revision 1 listed their fields one by one, and
     * {@link RefundCaseUpcaster} nests them.
     */
    @StoredAs("refund.RefundCaseOpened")
    @Revision("2")
    public record RefundCaseOpened(RefundCaseId caseId, String tenant, String accountId, RefundRequest request,
                                   String chargeId, Claim claim, Assessment assessment, Instant openedAt,
                                   SubscriptionCancellation cancellation) {

        public String explanation() {
            return claim.explanation();
        }

        public List<Evidence> evidence() {
            return claim.evidence();
        }

        public Decision decision() {
            return assessment.decision();
        }

        public RefundCaseStatus status() {
            return assessment.status();
        }

        public Instant reviewDueBy() {
            return assessment.reviewDueBy();
        }

        public boolean cancelsSubscription() {
            return cancellation.cancelsSubscription();
        }

        public String subscriptionToCancel() {
            return cancellation.subscriptionToCancel();
        }
    }

    /** What the customer said: the explanation and the evidence given with the request. */
    public record Claim(String explanation, List<Evidence> evidence) {
    }

    /**
     * What the policy made of a request.
     *
     * @param status      {@code IN_REVIEW}, {@code APPROVED} or {@code DENIED}, from the decision's outcome
     * @param reviewDueBy when a case in review must be decided, {@code null} otherwise
     */
    public record Assessment(Decision decision, RefundCaseStatus status, Instant reviewDueBy) {
    }

    /**
     * Whether an approved refund also cancels a subscription (cooling-off-prorata's template).
     *
     * @param subscriptionToCancel the subscription it cancels: the target, or the subscription the target charge paid
     *                             for; {@code null} in cases opened before it was recorded (then the target)
     */
    public record SubscriptionCancellation(boolean cancelsSubscription, String subscriptionToCancel) {

        /** Cancels the request's target, when it is a subscription. */
        public static SubscriptionCancellation ofTarget(boolean cancelsSubscription, RefundRequest request) {
            return new SubscriptionCancellation(cancelsSubscription, cancelsSubscription
                    && request.target().kind() == RefundRequest.TargetKind.SUBSCRIPTION ? request.target().id() : null);
        }
    }

    /**
     * A reviewer approved the case in review; {@code policyDecision} is what the policy had said (NEEDS_REVIEW). The
     * approval pays the award's amount to its destination, or, with a remedy, grants that instead of money. Revision
     * 2 keeps the award and the review as values; revision 1 listed their fields one by one, and
     * {@link RefundCaseUpcaster} nests them.
     */
    @StoredAs("refund.RefundCaseApproved")
    @Revision("2")
    public record RefundCaseApproved(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                     RefundRequest request, Decision policyDecision, Award award, Review review,
                                     Instant approvedAt) implements Reviewed {

        public Money amount() {
            return award.amount();
        }

        public Decision.Destination destination() {
            return award.destination();
        }

        public Decision.Remedy remedy() {
            return award.remedy();
        }
    }

    /**
     * What an approval grants: {@code amount} paid to {@code destination}, or a remedy instead of money (then both
     * are {@code null}).
     */
    public record Award(Money amount, Decision.Destination destination, Decision.Remedy remedy) {

        public static Award money(Money amount, Decision.Destination destination) {
            return new Award(amount, destination, null);
        }
    }

    /**
     * Who decided a case in review, and why.
     *
     * @param reviewer the reviewer's key id
     * @param actor    the caller who recorded it; {@code null} in events recorded before it was kept
     */
    public record Review(String note, String reviewer, Actor actor) {

        /** A review recorded by the service itself. */
        public static Review of(String note, String reviewer) {
            return new Review(note, reviewer, Actor.service());
        }
    }

    /** A decision by a reviewer, with the review read field by field. */
    public interface Reviewed {

        Review review();

        default String note() {
            return review().note();
        }

        default String reviewer() {
            return review().reviewer();
        }

        default Actor actor() {
            return review().actor();
        }
    }

    /**
     * A reviewer rejected the case in review. Revision 2 keeps the review as one value; revision 1 listed its fields
     * one by one, and {@link RefundCaseUpcaster} nests them.
     */
    @StoredAs("refund.RefundCaseRejected")
    @Revision("2")
    public record RefundCaseRejected(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                     RefundRequest request, Decision policyDecision, Review review,
                                     Instant rejectedAt) implements Reviewed {
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
     * at most once: a retry can never pay out twice. Revision 2 keeps what is paid where as one value; revision 1
     * listed its fields one by one, and {@link RefundCaseUpcaster} nests them.
     */
    @StoredAs("refund.PayoutRequested")
    @Revision("2")
    public record PayoutRequested(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                  String refundId, Payout payout, int attempt, String reason, Instant requestedAt) {

        public Money amount() {
            return payout.amount();
        }

        public Decision.Destination destination() {
            return payout.destination();
        }
    }

    /** What a payout pays, and where to. */
    public record Payout(Money amount, Decision.Destination destination) {
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

    /**
     * A payout to the payment method that the processor reversed after billing reported it paid: {@code amount} went
     * back to the merchant, and the case is in review again, due by {@code reviewDueBy}. Approving it again pays under
     * the same refund id.
     */
    @StoredAs("refund.RefundPayoutReversed")
    @Revision("1")
    public record RefundPayoutReversed(RefundCaseId caseId, String tenant, String accountId, String refundId,
                                       Money amount, String failureCode, Instant reviewDueBy, Instant reversedAt) {
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
