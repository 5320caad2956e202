package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * The processor refused a refund; nothing was refunded and the same refund id may be requested again. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record ChargeRefundFailedV1(String chargeId, String accountId, String tenant, String refundId,
                                   MoneyAmount amount, String failureCode, Instant failedAt) {

    public static final String TYPE = "fairbill.billing.charge-refund-failed.v1";
}
