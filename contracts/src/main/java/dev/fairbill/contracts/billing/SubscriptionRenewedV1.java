package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A further period of a subscription was paid (final once processed, final-sale-reseller §6); the ledger grants
 * {@code includedCredits} for it. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents
 * type {@value #TYPE} and subject = account id.
 *
 * @param listPrice the undiscounted price of the period, for refund maths
 * @param price     the price charged after any coupon
 */
public record SubscriptionRenewedV1(String subscriptionId, String accountId, String tenant, String planId,
                                    Instant periodStart, Instant periodEnd, long includedCredits,
                                    MoneyAmount listPrice, MoneyAmount price, Integer couponPercentOff,
                                    String chargeId, Instant renewedAt) {

    public static final String TYPE = "fairbill.billing.subscription-renewed.v1";
}
