package dev.fairbill.contracts.billing;

/**
 * Asks billing to cancel a subscription immediately (e.g. an approved refund of a subscription cancels it under the
 * cooling-off-prorata template). Sent on {@link dev.fairbill.contracts.Topics#BILLING_REQUESTS} with CloudEvents type
 * {@value #TYPE}; applied once however often it is delivered, and a subscription that has already ended stays as it is.
 */
public record CancelSubscriptionRequestedV1(String subscriptionId, String tenant, String reason) {

    public static final String TYPE = "fairbill.billing.cancel-subscription-requested.v1";
}
