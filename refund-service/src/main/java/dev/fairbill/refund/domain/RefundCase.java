package dev.fairbill.refund.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.refund.domain.RefundCaseCommands.AddEvidence;
import dev.fairbill.refund.domain.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.domain.RefundCaseCommands.OpenRefundCase;
import dev.fairbill.refund.domain.RefundCaseCommands.RejectRefundCase;
import dev.fairbill.refund.domain.RefundCaseEvents.EvidenceAdded;
import dev.fairbill.refund.domain.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.domain.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.domain.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.domain.RefundCaseEvents.ReviewEscalated;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.Decision.Outcome;
import dev.fairbill.refund.policy.RefundRequest;

/**
 * One refund request and what became of it (DOMAIN.md, Refunds): opened with the policy's decision, which names its
 * clause; a {@code NEEDS_REVIEW} case waits in the review queue with a deadline in business days that escalates when
 * breached, and a reviewer approves (never more than is still refundable) or rejects it, once.
 */
@Aggregate
public class RefundCase {

    static final String REVIEW_DEADLINE = "refund-review-due";

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
                command.chargeId(), command.explanation(), command.evidence(), decision, opened, dueBy,
                now(clock)));
        if (dueBy != null) {
            deadlines.schedule(dueBy, REVIEW_DEADLINE, new ReviewDue(command.caseId()));
        }
    }

    /** Seed 000 §8, seed 002 part 3: a reviewer decides a case in review, once; never above the refundable rest. */
    @CommandHandler
    void handle(ApproveRefundCase command, Clock clock, DeadlineManager deadlines) {
        requireTenant(command.tenant());
        requireInReview();
        Money amount = command.amount() != null ? command.amount() : command.refundable();
        if (amount == null || !amount.isPositive()) {
            throw RefundCaseRuleViolation.nothingToApprove(id);
        }
        if (command.refundable() != null && amount.isGreaterThan(command.refundable())) {
            throw RefundCaseRuleViolation.exceedsRefundable(amount, command.refundable());
        }
        Decision.Destination destination = command.destination() != null ? command.destination()
                : Decision.Destination.ORIGINAL_PAYMENT_METHOD;
        apply(new RefundCaseApproved(id, tenant, accountId, chargeId, request, decision, amount, destination,
                command.note(), command.reviewer(), now(clock)));
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
    }

    @CommandHandler
    void handle(RejectRefundCase command, Clock clock, DeadlineManager deadlines) {
        requireTenant(command.tenant());
        requireInReview();
        apply(new RefundCaseRejected(id, tenant, accountId, chargeId, request, decision, command.note(),
                command.reviewer(), now(clock)));
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
    }

    /** Evidence can be added while the case is in review (seed 002 part 3: evidence may be requested). */
    @CommandHandler
    void handle(AddEvidence command, Clock clock) {
        requireTenant(command.tenant());
        requireInReview();
        apply(new EvidenceAdded(id, tenant, command.evidence(), now(clock)));
    }

    /** Seed 002 part 5: reviewed within 3–5 business days; a breach escalates the case, which stays in review. */
    @DeadlineHandler(deadlineName = REVIEW_DEADLINE)
    void on(ReviewDue due, Clock clock) {
        if (status == RefundCaseStatus.IN_REVIEW && !escalated) {
            apply(new ReviewEscalated(id, tenant, accountId, reviewDueBy, now(clock)));
        }
    }

    private void requireTenant(String callerTenant) {
        if (!tenant.equals(callerTenant)) {
            throw new NotFoundException("Refund case " + id);
        }
    }

    private void requireInReview() {
        if (status != RefundCaseStatus.IN_REVIEW) {
            throw RefundCaseRuleViolation.alreadyDecided(id, status);
        }
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
    }

    @EventSourcingHandler
    void on(RefundCaseApproved event) {
        status = RefundCaseStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(RefundCaseRejected event) {
        status = RefundCaseStatus.DENIED;
    }

    @EventSourcingHandler
    void on(ReviewEscalated event) {
        escalated = true;
    }

    record ReviewDue(RefundCaseId caseId) {
    }
}
