package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * A subscription ended by cancellation: {@code IMMEDIATE}, or {@code END_OF_PERIOD} when its period ran out. Nothing
 * is refunded by it (final-sale-duplicates-refunded §1.3, final-sale-reseller §10); the ledger forfeits the
 * subscription allowance (final-sale-duplicates-refunded §3.1).
 * Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and
 * subject = account id.
 *
 * @param refundRequested the customer asked for a refund with this (immediate) cancellation
 * @param refundCaseId     with {@code refundRequested}: the id the refund service opens the case under (billing
 *                        assigns it, so the cancellation's answer can name it); otherwise {@code null}
 */
public record SubscriptionCancelledV1(String subscriptionId, String accountId, String tenant, String mode,
                                      String reason, boolean refundRequested, String refundReason, String refundCaseId,
                                      Instant periodStart, Instant periodEnd, Instant cancelledAt) {

    public static final String TYPE = "fairbill.billing.subscription-cancelled.v1";
}
