package dev.fairbill.refund.domain;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.platform.money.Money;
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
     */
    public record OpenRefundCase(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, String accountId,
                                 RefundRequest request, String chargeId, String explanation,
                                 List<Evidence> evidence, Decision decision, Money refundable, Instant reviewDueBy) {
    }

    /** A reviewer approves; {@code amount} and {@code destination} may lower the request, never pass the remainder. */
    public record ApproveRefundCase(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, Money amount,
                                    Decision.Destination destination, Money refundable, String note,
                                    String reviewer) {
    }

    public record RejectRefundCase(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, String note,
                                   String reviewer) {
    }

    public record AddEvidence(@TargetAggregateIdentifier RefundCaseId caseId, String tenant, Evidence evidence) {
    }

    private RefundCaseCommands() {
    }
}
