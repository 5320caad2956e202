package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * The payment processor refused a charge; nothing was taken. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param failureCode the processor's reason, e.g. {@code card_declined}
 */
public record ChargeFailedV1(String chargeId, String accountId, String tenant, MoneyAmount amount,
                             String description, String subscriptionId, Instant billingPeriodStart,
                             String purchaseId, String processor, String failureCode, Instant failedAt) {

    public static final String TYPE = "fairbill.billing.charge-failed.v1";
}
