package dev.fairbill.contracts.billing;

/**
 * Asks billing to lift the hold (reason, reference) from an account; the account is active again when no hold is
 * left. Lifting a hold that is not there changes nothing. Sent on
 * {@link dev.fairbill.contracts.Topics#BILLING_REQUESTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param reason    {@code DISPUTE} or {@code OPERATOR}
 * @param reference what the hold is about, e.g. a dispute id or a refund case id
 */
public record ReinstateAccountRequestedV1(String accountId, String tenant, String reason, String reference) {

    public static final String TYPE = "fairbill.billing.reinstate-account-requested.v1";
}
