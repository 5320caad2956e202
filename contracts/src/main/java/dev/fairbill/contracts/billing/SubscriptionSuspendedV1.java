package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * A subscription was suspended by its account's first hold (final-sale-reseller §9, final-sale-duplicates-refunded §7).
 * Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param reason {@code DISPUTE} or {@code OPERATOR}
 */
public record SubscriptionSuspendedV1(String subscriptionId, String accountId, String tenant, String reason,
                                      String reference, Instant suspendedAt) {

    public static final String TYPE = "fairbill.billing.subscription-suspended.v1";
}
