package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * The payment processor refused a charge; nothing was taken from the payment method. Cash balance the ledger had
 * applied to it ({@code paidFromBalance}) is given back by the ledger on seeing this fact. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param failureCode     the processor's reason, e.g. {@code card_declined}
 * @param paidFromBalance the cash balance the ledger had applied to this charge (zero when none), to be restored
 */
public record ChargeFailedV1(String chargeId, String accountId, String tenant, MoneyAmount amount,
                             String description, String subscriptionId, Instant billingPeriodStart,
                             String purchaseId, String processor, String failureCode, Instant failedAt,
                             MoneyAmount paidFromBalance) {

    public static final String TYPE = "fairbill.billing.charge-failed.v1";
}
