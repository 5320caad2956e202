package dev.fairbill.contracts.refund;

import java.time.Instant;

/**
 * A refund case in review passed its review deadline undecided (exceptions-within-7-days part 5: reviewed within 3–5
 * business days).
 * Published on {@link dev.fairbill.contracts.Topics#REFUND_EVENTS} with CloudEvents type {@value #TYPE} and subject =
 * account id.
 */
public record RefundReviewEscalatedV1(String caseId, String accountId, String tenant, Instant reviewDueBy,
                                      Instant escalatedAt) {

    public static final String TYPE = "fairbill.refund.refund-review-escalated.v1";
}
