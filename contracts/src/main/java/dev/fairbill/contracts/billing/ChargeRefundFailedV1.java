package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A refund was refused, by the processor or by the charge's rules; nothing was refunded and the same refund id may be
 * requested again. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type
 * {@value #TYPE} and subject = account id.
 *
 * @param failureCode the processor's code, or the charge rule that refused the refund: {@code charge-not-captured},
 *                    {@code currency-mismatch}, {@code invalid-amount}, {@code charge-disputed},
 *                    {@code exceeds-refundable}
 */
public record ChargeRefundFailedV1(String chargeId, String accountId, String tenant, String refundId,
                                   MoneyAmount amount, String failureCode, Instant failedAt) {

    public static final String TYPE = "fairbill.billing.charge-refund-failed.v1";
}
