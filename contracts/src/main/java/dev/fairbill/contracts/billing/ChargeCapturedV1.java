package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A charge was paid: captured by the payment processor, from the account's cash balance, or partly each. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param subscriptionId     the subscription this charge pays, or {@code null}
 * @param billingPeriodStart the start of the subscription period it pays, or {@code null}
 * @param purchaseId         the one-time purchase it pays, or {@code null}
 * @param processor          the processor that captured the rest, or {@code balance} when the balance paid it all
 *                           (then {@code processorChargeId} is {@code null})
 * @param paidFromBalance    the part of {@code amount} the account's cash balance paid (zero when none); the
 *                           processor captured the rest
 */
public record ChargeCapturedV1(String chargeId, String accountId, String tenant, MoneyAmount amount,
                               String description, String subscriptionId, Instant billingPeriodStart,
                               String purchaseId, String processor, String processorChargeId, Instant capturedAt,
                               MoneyAmount paidFromBalance) {

    public static final String TYPE = "fairbill.billing.charge-captured.v1";
}
