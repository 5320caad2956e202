package dev.fairbill.refund.domain;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest;

/** The RefundCase's events. */
public final class RefundCaseEvents {

    /** @param status {@code IN_REVIEW}, {@code APPROVED} or {@code DENIED}, from the decision's outcome */
    @Revision("1")
    public record RefundCaseOpened(RefundCaseId caseId, String tenant, String accountId, RefundRequest request,
                                   String chargeId, String explanation, List<Evidence> evidence, Decision decision,
                                   RefundCaseStatus status, Instant reviewDueBy, Instant openedAt) {
    }

    /** A reviewer approved the case in review; {@code policyDecision} is what the policy had said (NEEDS_REVIEW). */
    @Revision("1")
    public record RefundCaseApproved(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                     RefundRequest request, Decision policyDecision, Money amount,
                                     Decision.Destination destination, String note, String reviewer,
                                     Instant approvedAt) {
    }

    @Revision("1")
    public record RefundCaseRejected(RefundCaseId caseId, String tenant, String accountId, String chargeId,
                                     RefundRequest request, Decision policyDecision, String note, String reviewer,
                                     Instant rejectedAt) {
    }

    @Revision("1")
    public record EvidenceAdded(RefundCaseId caseId, String tenant, Evidence evidence, Instant addedAt) {
    }

    /** The review was not decided by its deadline; the case stays in review, escalated. */
    @Revision("1")
    public record ReviewEscalated(RefundCaseId caseId, String tenant, String accountId, Instant reviewDueBy,
                                  Instant escalatedAt) {
    }

    private RefundCaseEvents() {
    }
}
