package dev.fairbill.refund.refundcase;

import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.refund.ids.RefundCaseId;

/** A command on a refund case that its rules refuse; nothing is recorded. */
public class RefundCaseRuleViolation extends RuleViolation {

    private RefundCaseRuleViolation(Kind kind, String slug, String title, String detail) {
        super(kind, slug, title, detail);
    }

    /** A requested amount above what is still refundable is refused with 422. */
    public static RefundCaseRuleViolation exceedsRefundable(Object amount, Object refundable) {
        return new RefundCaseRuleViolation(Kind.REFUSED, "amount-exceeds-refundable",
                "Amount exceeds what is refundable", "The amount " + amount + " is more than the " + refundable
                        + " still refundable on this charge.");
    }

    static RefundCaseRuleViolation alreadyDecided(RefundCaseId id, RefundCaseStatus status) {
        return new RefundCaseRuleViolation(Kind.CONFLICT, "case-already-decided", "Case already decided",
                "Refund case " + id + " is " + status + "; only a case in review can be approved, rejected or given"
                        + " more evidence.");
    }

    static RefundCaseRuleViolation nothingToApprove(RefundCaseId id) {
        return new RefundCaseRuleViolation(Kind.REFUSED, "nothing-to-approve",
                "Nothing to approve", "Refund case " + id + " has nothing left to refund; reject it instead.");
    }

    static RefundCaseRuleViolation noRemedyUnderWay(RefundCaseId id, RefundCaseStatus status) {
        return new RefundCaseRuleViolation(Kind.CONFLICT, "no-remedy-under-way", "No remedy under way",
                "Refund case " + id + " is " + status + "; only a remedy under way can be completed.");
    }
}
