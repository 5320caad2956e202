package dev.fairbill.contracts.billing;

/**
 * Asks billing to terminate an account; terminating a terminated account changes nothing. Sent on
 * {@link dev.fairbill.contracts.Topics#BILLING_REQUESTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param reason    {@code DISPUTE} or {@code OPERATOR}
 * @param reference what the hold is about, e.g. a dispute id or a refund case id
 */
public record TerminateAccountRequestedV1(String accountId, String tenant, String reason, String reference) {

    public static final String TYPE = "fairbill.billing.terminate-account-requested.v1";
}
