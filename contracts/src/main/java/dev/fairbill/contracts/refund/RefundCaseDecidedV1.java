package dev.fairbill.contracts.refund;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A refund case was decided — by the policy when it was opened, or by a reviewer — whatever the outcome, so the
 * customer can be told whether it was approved or rejected. Published on
 * {@link dev.fairbill.contracts.Topics#REFUND_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param targetKind    {@code CHARGE}, {@code PURCHASE} or {@code SUBSCRIPTION}
 * @param outcome       {@code DENIED}, {@code APPROVED}, {@code REMEDY} or {@code NEEDS_REVIEW}
 * @param status        the case's status afterwards: {@code IN_REVIEW}, {@code APPROVED} or {@code DENIED}
 * @param amount        the approved amount, or {@code null}
 * @param destination   {@code ORIGINAL_PAYMENT_METHOD} or {@code ACCOUNT_BALANCE}, or {@code null}; for
 *                      {@code NEEDS_REVIEW}, where an approval sends the money unless the reviewer says otherwise
 * @param remedyKind    for {@code REMEDY} (by the policy, or a reviewer's approval with a remedy): {@code REFILL},
 *                      {@code SERVICE_CREDIT}, … or {@code null}
 * @param remedyCredits for a remedy with credits or a quantity, else {@code null}
 * @param decidedBy     {@code POLICY} or {@code REVIEWER}
 * @param reviewDueBy   for {@code NEEDS_REVIEW}: the review deadline, else {@code null}
 */
public record RefundCaseDecidedV1(String caseId, String accountId, String tenant, String targetKind, String targetId,
                                  String chargeId, String reason, String outcome, String status, MoneyAmount amount,
                                  String destination, String remedyKind, Long remedyCredits, String policyId,
                                  int policyVersion, String clause, String explanation, String decidedBy,
                                  Instant reviewDueBy, Instant decidedAt) {

    public static final String TYPE = "fairbill.refund.refund-case-decided.v1";
}
