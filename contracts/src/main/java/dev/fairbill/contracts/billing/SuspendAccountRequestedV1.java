package dev.fairbill.contracts.billing;

/**
 * Asks billing to place a hold on an account, suspending it if it is the first hold. Placing the same (reason,
 * reference) again changes nothing. Sent on
 * {@link dev.fairbill.contracts.Topics#BILLING_REQUESTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param reason    {@code DISPUTE} or {@code OPERATOR}
 * @param reference what the hold is about, e.g. a dispute id or a refund case id
 */
public record SuspendAccountRequestedV1(String accountId, String tenant, String reason, String reference) {

    public static final String TYPE = "fairbill.billing.suspend-account-requested.v1";
}
