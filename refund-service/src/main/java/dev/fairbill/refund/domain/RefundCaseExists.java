package dev.fairbill.refund.domain;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/**
 * A target has at most one open refund case: a second request while one is in review, approved or executing is
 * refused with 409, naming the open case so the caller can follow it instead.
 */
public class RefundCaseExists extends ProblemException {

    private final String caseId;

    public RefundCaseExists(String caseId) {
        super(HttpStatus.CONFLICT, "refund-case-exists", "Refund case exists", "Refund case " + caseId
                + " for this charge is still open; follow it instead of opening another.", Map.of("caseId", caseId));
        this.caseId = caseId;
    }

    public String caseId() {
        return caseId;
    }
}
