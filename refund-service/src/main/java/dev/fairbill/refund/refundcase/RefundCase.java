package dev.fairbill.refund.refundcase;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision.Outcome;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.policy.RemedyKind;
import dev.fairbill.refund.refundcase.RefundCaseCommands.AddEvidence;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ExecuteRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.OpenRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayout;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutFailure;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutReversal;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RejectRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RetryPayout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Assessment;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Award;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Claim;
import dev.fairbill.refund.refundcase.RefundCaseEvents.EvidenceAdded;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Payout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutAttemptFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPayoutReversed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Review;
import dev.fairbill.refund.refundcase.RefundCaseEvents.ReviewEscalated;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellation;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellationRequested;

/**
 * One refund request and what became of it: opened with the policy's decision, which names its
 * clause; a {@code NEEDS_REVIEW} case waits in the review queue with a deadline in business days that escalates when
 * breached, and a reviewer approves (never more than is still refundable) or rejects it, once.
 */
@StoredAs("refund.RefundCase")
@Aggregate
public class RefundCase implements OnTestClock {

    static final String REVIEW_DEADLINE = "refund-review-due";
    public static final String SYSTEM = "system";

    @AggregateIdentifier
    private RefundCaseId id;
    private String tenant;
    private String accountId;
    private String chargeId;
    private RefundRequest request;
    private Decision decision;
    private RefundCaseStatus status;
    private Instant reviewDueBy;
    private boolean escalated;
    private boolean cancelsSubscription;
    private String subscriptionToCancel;
    private Money approvedAmount;
    private Decision.Destination destination;
    private Decision.Remedy remedy;
    private int payoutAttempt;

    protected RefundCase() {
    }

    @CommandHandler
    public RefundCase(OpenRefundCase command, Clock clock, DeadlineManager deadlines) {
        Decision decision = command.decision();
        if (decision.outcome() == Outcome.NEEDS_REVIEW && command.reviewDueBy() == null) {
            throw new IllegalArgumentException("a case in review needs its review deadline");
        }
        if (decision.amount() != null && command.refundable() != null
                && decision.amount().isGreaterThan(command.refundable())) {
            throw RefundCaseRuleViolation.exceedsRefundable(decision.amount(), command.refundable());
        }
        RefundCaseStatus opened = switch (decision.outcome()) {
            case NEEDS_REVIEW -> RefundCaseStatus.IN_REVIEW;
            case APPROVED, REMEDY -> RefundCaseStatus.APPROVED;
            case DENIED -> RefundCaseStatus.DENIED;
        };
        Instant dueBy = opened == RefundCaseStatus.IN_REVIEW ? micros(command.reviewDueBy()) : null;
        apply(new RefundCaseOpened(command.caseId(), command.tenant(), command.accountId(), command.request(),
                command.chargeId(), new Claim(command.explanation(), command.evidence()),
                new Assessment(decision, opened, dueBy), now(clock),
                new SubscriptionCancellation(command.cancelsSubscription(), command.subscriptionToCancel())));
        if (dueBy != null) {
            deadlines.schedule(dueBy, REVIEW_DEADLINE, new ReviewDue(command.caseId()));
        }
    }

    /**
     * final-sale-reseller §8, exceptions-within-7-days part 3: a reviewer decides a case in review, once; never above
     * the refundable rest. A
     * case whose payout failed (nothing was paid) may be approved again, to any destination: its payout is then a new
     * attempt under the same refund id.
     */
    @CommandHandler
    void handle(ApproveRefundCase command, Clock clock, DeadlineManager deadlines) {
        requireTenant(command.tenant());
        requireInReviewOrFailed();
        if (command.remedy() != null) {
            requireGrantable(command);
            apply(new RefundCaseApproved(id, tenant, accountId, chargeId, request, decision,
                    new Award(null, null, command.remedy()), new Review(command.note(), command.reviewer(),
                    command.actor()), now(clock)));
            deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
            return;
        }
        Money amount = command.amount() != null ? command.amount() : command.refundable();
        if (amount == null || !amount.isPositive()) {
            throw RefundCaseRuleViolation.nothingToApprove(id);
        }
        if (command.refundable() != null && amount.isGreaterThan(command.refundable())) {
            throw RefundCaseRuleViolation.exceedsRefundable(amount, command.refundable());
        }
        // without one named, the money goes where the policy sends approvals in review (refill-or-refund: the balance)
        Decision.Destination destination = command.destination() != null ? command.destination()
                : decision.destination() != null ? decision.destination()
                : Decision.Destination.ORIGINAL_PAYMENT_METHOD;
        apply(new RefundCaseApproved(id, tenant, accountId, chargeId, request, decision,
                Award.money(amount, destination), new Review(command.note(), command.reviewer(), command.actor()),
                now(clock)));
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
    }

    /**
     * A remedy instead of money: credits and refills need a positive quantity and a refill a purchase to re-deliver
     * on; the other remedies are tasks without one.
     */
    private void requireGrantable(ApproveRefundCase command) {
        if (command.amount() != null || command.destination() != null) {
            throw RuleViolation.invalid("remedy", "a remedy pays no money: leave amount and destination out");
        }
        RemedyKind kind = RemedyKind.valueOf(command.remedy().kind());
        boolean counted = kind == RemedyKind.SERVICE_CREDIT || kind == RemedyKind.REFILL;
        Long quantity = command.remedy().credits();
        if (counted && (quantity == null || quantity <= 0)) {
            throw RuleViolation.invalid("remedy.credits", "a " + kind + " remedy needs a positive quantity");
        }
        if (!counted && quantity != null) {
            throw RuleViolation.invalid("remedy.credits", "a " + kind + " remedy has no quantity");
        }
        if (kind == RemedyKind.REFILL && request.target().kind() != RefundRequest.TargetKind.PURCHASE) {
            throw RuleViolation.invalid("remedy.kind", "a refill re-delivers a purchase; this case is about a "
                    + request.target().kind().name().toLowerCase(Locale.ROOT));
        }
    }

    @CommandHandler
    void handle(RejectRefundCase command, Clock clock, DeadlineManager deadlines) {
        requireTenant(command.tenant());
        requireInReviewOrFailed();
        apply(new RefundCaseRejected(id, tenant, accountId, chargeId, request, decision,
                new Review(command.note(), command.reviewer(), command.actor()), now(clock)));
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
    }

    /**
     * Evidence can be added while the case is in review (exceptions-within-7-days part 3: evidence may be requested).
     */
    @CommandHandler
    void handle(AddEvidence command, Clock clock) {
        requireTenant(command.tenant());
        requireInReview();
        apply(new EvidenceAdded(id, tenant, command.evidence(), now(clock)));
    }

    /**
     * The one refund id of a case: every payout attempt carries it, and billing and the ledger apply an id at most
     * once, so however often the saga asks, the customer is paid once.
     */
    public static String refundIdOf(RefundCaseId caseId) {
        return Ids.derive(IdPrefix.REFUND, "refund-case\n" + caseId.value());
    }

    /**
     * Carries out an approved case: the money, or the remedy. Executing a case already under way
     * or finished changes nothing, so a redelivered saga step has one effect.
     */
    @CommandHandler
    void handle(ExecuteRefundCase command, Clock clock) {
        if (status != RefundCaseStatus.APPROVED) {
            return;
        }
        Instant now = now(clock);
        if (remedy != null && approvedAmount == null) {
            requestRemedy(now);
            return;
        }
        apply(new PayoutRequested(id, tenant, accountId, chargeId, refundIdOf(id),
                new Payout(approvedAmount, destination), payoutAttempt + 1, request.reason().name(), now));
        if (cancelsSubscription && subscriptionToCancel != null) {
            apply(new SubscriptionCancellationRequested(id, tenant, accountId, subscriptionToCancel, now));
        }
    }

    private void requestRemedy(Instant now) {
        String operationId = refundIdOf(id);
        // a refill is remedied when the delivering system reports it delivered, not when it is asked for
        apply(new RemedyRequested(id, tenant, accountId, remedy.kind(), remedy.credits(), operationId,
                request.target().id(), now));
    }

    @CommandHandler
    void handle(RetryPayout command, Clock clock) {
        if (status == RefundCaseStatus.EXECUTING && command.attempt() == payoutAttempt + 1) {
            apply(new PayoutRequested(id, tenant, accountId, chargeId, refundIdOf(id),
                    new Payout(approvedAmount, destination), command.attempt(), request.reason().name(), now(clock)));
        }
    }

    @CommandHandler
    void handle(RecordPayout command, Clock clock) {
        if (status == RefundCaseStatus.EXECUTING && refundIdOf(id).equals(command.refundId())) {
            apply(new RefundPaidOut(id, tenant, accountId, command.refundId(), approvedAmount, destination,
                    now(clock), RefundCaseEvents.Legs.of(approvedAmount, destination, command.toBalance())));
        }
    }

    /** A processor refund failure retries; the last one sends the case back to review as FAILED, nothing paid. */
    @CommandHandler
    void handle(RecordPayoutFailure command, Clock clock) {
        if (status != RefundCaseStatus.EXECUTING || !refundIdOf(id).equals(command.refundId())) {
            return;
        }
        Instant now = now(clock);
        apply(new PayoutAttemptFailed(id, tenant, command.refundId(), payoutAttempt, command.failureCode(),
                command.finalAttempt(), now));
        if (command.finalAttempt()) {
            apply(new RefundExecutionFailed(id, tenant, accountId, command.refundId(), command.failureCode(), now));
        }
    }

    /**
     * The processor reversed the refund it had paid to the payment method: the case is not completed after all. It
     * goes back to review with a new deadline, never silently stays COMPLETED; a reviewer approves it again (the payout
     * is a new attempt under the same refund id) or rejects it. A reversal reported again changes nothing.
     */
    @CommandHandler
    void handle(RecordPayoutReversal command, Clock clock, DeadlineManager deadlines) {
        if (status != RefundCaseStatus.COMPLETED || destination != Decision.Destination.ORIGINAL_PAYMENT_METHOD
                || !refundIdOf(id).equals(command.refundId())) {
            return;
        }
        Instant dueBy = micros(command.reviewDueBy());
        apply(new RefundPayoutReversed(id, tenant, accountId, command.refundId(), command.amount(),
                command.failureCode(), dueBy, now(clock)));
        deadlines.schedule(dueBy, REVIEW_DEADLINE, new ReviewDue(id));
    }

    /** Credits granted, or an operator finished the remedy's task (extension, correction, operational fix). */
    @CommandHandler
    void handle(CompleteRemedy command, Clock clock) {
        if (command.tenant() != null) {
            requireTenant(command.tenant());
        }
        boolean remedyUnderWay = status == RefundCaseStatus.EXECUTING && remedy != null && approvedAmount == null;
        if (!remedyUnderWay) {
            if (command.tenant() != null) {
                throw RefundCaseRuleViolation.noRemedyUnderWay(id, status);
            }
            return;
        }
        apply(new RemedyApplied(id, tenant, accountId, remedy.kind(), command.note(),
                command.completedBy(), now(clock), command.actor()));
    }

    /**
     * exceptions-within-7-days part 5: reviewed within 3–5 business days; a breach escalates the case, which stays in
     * review.
     */
    @DeadlineHandler(deadlineName = REVIEW_DEADLINE)
    void on(ReviewDue due, Clock clock) {
        if (status == RefundCaseStatus.IN_REVIEW && !escalated) {
            apply(new ReviewEscalated(id, tenant, accountId, reviewDueBy, now(clock)));
        }
    }

    private void requireTenant(String callerTenant) {
        if (!tenant.equals(callerTenant)) {
            throw RuleViolation.notFound("Refund case " + id);
        }
    }

    private void requireInReview() {
        if (status != RefundCaseStatus.IN_REVIEW) {
            throw RefundCaseRuleViolation.alreadyDecided(id, status);
        }
    }

    private void requireInReviewOrFailed() {
        if (status != RefundCaseStatus.FAILED) {
            requireInReview();
        }
    }

    /** Its commands and review deadline run at the time of its account's test clock, when the account is on one. */
    @Override
    public String testClockAccount() {
        return accountId == null ? FROM_MESSAGE : accountId;
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    @EventSourcingHandler
    void on(RefundCaseOpened event) {
        id = event.caseId();
        tenant = event.tenant();
        accountId = event.accountId();
        chargeId = event.chargeId();
        request = event.request();
        decision = event.decision();
        status = event.status();
        reviewDueBy = event.reviewDueBy();
        cancelsSubscription = event.cancelsSubscription();
        subscriptionToCancel = event.subscriptionToCancel() != null ? event.subscriptionToCancel()
                : event.request().target().kind() == RefundRequest.TargetKind.SUBSCRIPTION
                        ? event.request().target().id() : null;
        approvedAmount = event.decision().amount();
        destination = event.decision().destination();
        remedy = event.decision().outcome() == Outcome.REMEDY ? event.decision().remedy() : null;
    }

    @EventSourcingHandler
    void on(RefundCaseApproved event) {
        status = RefundCaseStatus.APPROVED;
        approvedAmount = event.amount();
        destination = event.destination();
        remedy = event.remedy();
    }

    @EventSourcingHandler
    void on(PayoutRequested event) {
        status = RefundCaseStatus.EXECUTING;
        payoutAttempt = event.attempt();
    }

    @EventSourcingHandler
    void on(RemedyRequested event) {
        status = RefundCaseStatus.EXECUTING;
    }

    @EventSourcingHandler
    void on(RefundPaidOut event) {
        status = RefundCaseStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(RefundPayoutReversed event) {
        status = RefundCaseStatus.IN_REVIEW;
        reviewDueBy = event.reviewDueBy();
        escalated = false;
    }

    @EventSourcingHandler
    void on(RefundExecutionFailed event) {
        status = RefundCaseStatus.FAILED;
    }

    @EventSourcingHandler
    void on(RemedyApplied event) {
        status = RefundCaseStatus.REMEDIED;
    }

    @EventSourcingHandler
    void on(RefundCaseRejected event) {
        status = RefundCaseStatus.DENIED;
    }

    @EventSourcingHandler
    void on(ReviewEscalated event) {
        escalated = true;
    }

    @StoredAs("refund.ReviewDue")
    record ReviewDue(RefundCaseId caseId) {
    }
}
