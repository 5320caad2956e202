package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A subscription began: with its trial (no charge yet) or with its first paid period. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 * The ledger grants {@code includedCredits} as allowance for the period and {@code trialCredits} until
 * {@code trialEndsAt}.
 *
 * @param status           {@code TRIALING} or {@code ACTIVE} (or {@code CANCELLATION_SCHEDULED})
 * @param listPrice        the undiscounted price of one period, for refund maths
 * @param price            the price charged per period after any coupon
 * @param couponPercentOff the coupon, or {@code null}
 * @param chargeId         the charge that paid the first period, {@code null} for a trial
 */
public record SubscriptionStartedV1(String subscriptionId, String accountId, String tenant, String planId,
                                    String status, Instant periodStart, Instant periodEnd, long includedCredits,
                                    long trialCredits, Instant trialEndsAt, MoneyAmount listPrice, MoneyAmount price,
                                    Integer couponPercentOff, String chargeId, Instant startedAt) {

    public static final String TYPE = "fairbill.billing.subscription-started.v1";
}
