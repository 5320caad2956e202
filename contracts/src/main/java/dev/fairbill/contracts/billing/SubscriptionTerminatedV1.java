package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * A subscription ended because its account was terminated (a lost dispute, final-sale-reseller §9). Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record SubscriptionTerminatedV1(String subscriptionId, String accountId, String tenant, String reason,
                                       String reference, Instant terminatedAt) {

    public static final String TYPE = "fairbill.billing.subscription-terminated.v1";
}
