package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A processor opened a dispute (chargeback) on a charge; billing suspends the account while it is reviewed.
 * Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and
 * subject = account id.
 *
 * @param amount the disputed amount
 * @param dueBy  when evidence must reach the processor, or {@code null}
 */
public record DisputeOpenedV1(String disputeId, String chargeId, String accountId, String tenant, MoneyAmount amount,
                              String reason, Instant dueBy, Instant openedAt) {

    public static final String TYPE = "fairbill.billing.dispute-opened.v1";
}
