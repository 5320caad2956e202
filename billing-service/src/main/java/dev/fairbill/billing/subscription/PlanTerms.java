package dev.fairbill.billing.subscription;

import java.util.Objects;

import dev.fairbill.platform.money.Money;

/**
 * What a plan sells, copied onto the subscription when it is chosen so that later catalog edits do not change
 * subscriptions already sold.
 *
 * @param price           the plan's price per period before any coupon
 * @param listPrice       the undiscounted price of one period (a year of the yearly plan at the monthly list price),
 *                        kept for pro-rata refund maths (cooling-off-prorata)
 * @param includedCredits credits granted for every paid period
 * @param trialDays       days of free trial before the first charge, 0 for none
 * @param trialCredits    credits granted for the trial (final-sale-duplicates-refunded §3.3)
 */
public record PlanTerms(String planId, Money price, Money listPrice, PlanInterval interval, long includedCredits,
                        int trialDays, long trialCredits) {

    public PlanTerms {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(listPrice, "listPrice");
        Objects.requireNonNull(interval, "interval");
    }
}
