package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * A subscription will end at {@code cancelAt}, the end of its paid period (END_OF_PERIOD); it may still be
 * withdrawn until then. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type
 * {@value #TYPE} and subject = account id.
 *
 * @param refundRequested the customer also asked for a refund; the cancellation itself refunds nothing
 * (final-sale-reseller §10)
 *                        and the refund service decides the request by policy
 * @param refundCaseId     with {@code refundRequested}: the id the refund service opens the case under (billing
 *                        assigns it, so the cancellation's answer can name it); otherwise {@code null}
 */
public record SubscriptionCancellationScheduledV1(String subscriptionId, String accountId, String tenant,
                                                  Instant cancelAt, String reason, boolean refundRequested,
                                                  String refundReason, String refundCaseId, Instant requestedAt) {

    public static final String TYPE = "fairbill.billing.subscription-cancellation-scheduled.v1";
}
