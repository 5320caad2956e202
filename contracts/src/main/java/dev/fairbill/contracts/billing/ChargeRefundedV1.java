package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * The processor refunded (part of) a charge to the original payment method. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param refundId       the requester's refund id (one refund per id however often it is requested)
 * @param amount         refunded now
 * @param amountRefunded refunded on this charge in total, this refund included
 */
public record ChargeRefundedV1(String chargeId, String accountId, String tenant, String refundId,
                               MoneyAmount amount, MoneyAmount amountRefunded, String processorRefundId,
                               String reason, Instant refundedAt) {

    public static final String TYPE = "fairbill.billing.charge-refunded.v1";
}
