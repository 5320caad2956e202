package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A dispute closed. {@code WON}: the account's dispute hold is lifted; {@code LOST}: the account is terminated and
 * the amount stays with the customer. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with
 * CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param outcome {@code WON} or {@code LOST}
 * @param amount  the disputed amount
 */
public record DisputeClosedV1(String disputeId, String chargeId, String accountId, String tenant, String outcome,
                              MoneyAmount amount, Instant closedAt) {

    public static final String TYPE = "fairbill.billing.dispute-closed.v1";
}
