package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * (Part of) a charge was refunded: to the original payment method, and the part the account's cash balance had paid
 * back to that balance. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type
 * {@value #TYPE} and subject = account id.
 *
 * @param refundId          the requester's refund id (one refund per id however often it is requested)
 * @param amount            refunded now, both parts
 * @param amountRefunded    refunded on this charge in total, this refund included
 * @param processorRefundId the processor's refund, or {@code null} when nothing went to the payment method
 * @param toBalance         the part of {@code amount} the ledger returns to the account's cash balance (a
 *                          {@code REFUND_BALANCE} lot, once per refund id); {@code null} or zero when none
 */
public record ChargeRefundedV1(String chargeId, String accountId, String tenant, String refundId,
                               MoneyAmount amount, MoneyAmount amountRefunded, String processorRefundId,
                               String reason, Instant refundedAt, MoneyAmount toBalance) {

    public static final String TYPE = "fairbill.billing.charge-refunded.v1";

    /** A refund wholly to the payment method. */
    public ChargeRefundedV1(String chargeId, String accountId, String tenant, String refundId, MoneyAmount amount,
                            MoneyAmount amountRefunded, String processorRefundId, String reason, Instant refundedAt) {
        this(chargeId, accountId, tenant, refundId, amount, amountRefunded, processorRefundId, reason, refundedAt,
                null);
    }
}
