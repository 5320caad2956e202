package dev.fairbill.contracts.billing;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A request to billing (sent by the refund saga on {@link dev.fairbill.contracts.Topics#BILLING_REQUESTS}, CloudEvents
 * type {@value #TYPE}, subject = account id) to refund part or all of a charge to its original payment method.
 * Billing answers with {@link ChargeRefundedV1} or {@link ChargeRefundFailedV1}. The part of a charge its account's
 * cash balance paid goes back to that balance ({@link ChargeRefundedV1#toBalance()}), except for a cash withdrawal
 * ({@value #CASH_WITHDRAWAL}), which must reach the payment method whole or not at all.
 *
 * @param refundId the requester's id for this refund, {@code re_…}: the same id is refunded at most once
 */
public record RefundChargeRequestedV1(String refundId, String chargeId, String accountId, String tenant,
                                      MoneyAmount amount, String reason) {

    public static final String TYPE = "fairbill.billing.refund-charge-requested.v1";
    /** The reason of the ledger's refunds that pay out a cash withdrawal. */
    public static final String CASH_WITHDRAWAL = "CASH_BALANCE_WITHDRAWAL";
}
