package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * The last hold on a subscription was lifted; it is back in {@code status}. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record SubscriptionReinstatedV1(String subscriptionId, String accountId, String tenant, String status,
                                       Instant reinstatedAt) {

    public static final String TYPE = "fairbill.billing.subscription-reinstated.v1";
}
