package dev.fairbill.contracts.refund;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * An approved refund case was carried out, or gave up: the money reached the original payment
 * method ({@code COMPLETED}, {@code refundId} names the processor refund) or the account balance, a remedy was
 * applied ({@code REMEDIED}), or the payout failed for good and the case went back to review ({@code FAILED}). Published
 * on {@link dev.fairbill.contracts.Topics#REFUND_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param status      {@code COMPLETED}, {@code REMEDIED} or {@code FAILED}
 * @param amount      the money paid out, or {@code null} for a remedy or a failure
 * @param destination {@code ORIGINAL_PAYMENT_METHOD} or {@code ACCOUNT_BALANCE}, or {@code null} for a remedy
 * @param remedyKind  for {@code REMEDIED}: {@code REFILL}, {@code SERVICE_CREDIT}, … else {@code null}
 * @param failureCode for {@code FAILED}: the last refusal, e.g. the processor's code; else {@code null}
 */
public record RefundCaseSettledV1(String caseId, String accountId, String tenant, String status, MoneyAmount amount,
                                  String destination, String refundId, String remedyKind, String failureCode,
                                  Instant settledAt) {

    public static final String TYPE = "fairbill.refund.refund-case-settled.v1";
}
