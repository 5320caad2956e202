package dev.fairbill.refund.web;

import java.time.Instant;
import java.util.List;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.refundcase.Evidence;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.query.RefundCaseView;

/**
 * The refund case: the policy's {@code decision} (naming its clause) and, once a reviewer decided a case in
 * review, the {@code review} with the approved amount and destination or the rejection.
 */
public record RefundCaseResponse(String id, String accountId, Target target, String chargeId, String reason,
                                 String status, DecisionResponse decision, Review review, Instant reviewDueBy,
                                 boolean escalated, List<Evidence> evidence, Instant createdAt,
                                 RefundCaseView.Execution execution) {

    public record Target(String kind, String id) {
    }

    /**
     * @param outcome {@code APPROVED} or {@code DENIED}
     * @param remedy  what an approval grants instead of money ({@code amount} and {@code destination} are then null)
     */
    public record Review(String outcome, Money amount, String destination, Decision.Remedy remedy, String note,
                         String reviewer, Instant decidedAt) {
    }

    static RefundCaseResponse of(RefundCaseView view) {
        Review review = view.reviewer() == null ? null : new Review(
                "DENIED".equals(view.status()) ? "DENIED" : "APPROVED",
                "DENIED".equals(view.status()) ? null : view.amount(),
                "DENIED".equals(view.status()) ? null : view.destination(), view.reviewRemedy(), view.reviewNote(),
                view.reviewer(), view.decidedAt());
        return new RefundCaseResponse(view.id(), view.accountId(), new Target(view.targetKind(), view.targetId()),
                view.chargeId(), view.reason(), view.status(), DecisionResponse.of(view.decision()), review,
                view.reviewDueBy(), view.escalated(), view.evidence(), view.createdAt(), view.execution());
    }

    /** The policy's {@code decision}, as made. */
    public record DecisionResponse(String outcome, Money amount, String destination, Decision.Remedy remedy,
                                   Policy policy, String clause, String explanation) {

        public record Policy(String id, int version) {
        }

        static DecisionResponse of(Decision decision) {
            return new DecisionResponse(decision.outcome().name(), decision.amount(),
                    decision.destination() == null ? null : decision.destination().name(), decision.remedy(),
                    new Policy(decision.policyId(), decision.policyVersion()), decision.clause(),
                    decision.explanation());
        }
    }
}
