package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A refund the processor had accepted failed afterwards: the money did not reach the customer and is back with the
 * merchant. The refund id is free again, so whoever asked for the refund may ask again. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param amount         what went back to the merchant: the refund's part that was paid to the payment method
 * @param amountRefunded what stays refunded of the charge
 * @param failureCode    the processor's reason, such as {@code expired_or_canceled_card}
 */
public record ChargeRefundReversedV1(String chargeId, String accountId, String tenant, String refundId,
                                     MoneyAmount amount, MoneyAmount amountRefunded, String processorRefundId,
                                     String failureCode, Instant reversedAt) {

    public static final String TYPE = "fairbill.billing.charge-refund-reversed.v1";
}
