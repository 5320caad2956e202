package dev.fairbill.refund.refundcase;

import java.util.Map;

import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/**
 * A target has at most one open refund case: a second request while one is in review, approved or executing is
 * refused with 409, naming the open case so the caller can follow it instead.
 */
public class RefundCaseExists extends RuleViolation {

    private final String caseId;

    public RefundCaseExists(String caseId) {
        super(Kind.CONFLICT, "refund-case-exists", "Refund case exists", "Refund case " + caseId
                + " for this charge is still open; follow it instead of opening another.", Map.of("caseId", caseId));
        this.caseId = caseId;
    }

    public String caseId() {
        return caseId;
    }
}
