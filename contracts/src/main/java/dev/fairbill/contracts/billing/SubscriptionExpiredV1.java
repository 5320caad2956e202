package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * A subscription ended unpaid: dunning retries were exhausted. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record SubscriptionExpiredV1(String subscriptionId, String accountId, String tenant, String planId,
                                    String lastChargeId, Instant expiredAt) {

    public static final String TYPE = "fairbill.billing.subscription-expired.v1";
}
