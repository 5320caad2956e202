package dev.fairbill.billing.web;

import java.time.Instant;
import java.util.List;

import dev.fairbill.billing.subscription.SubscriptionPeriod;
import dev.fairbill.billing.subscription.SubscriptionStatus;
import dev.fairbill.billing.query.SubscriptionView;
import dev.fairbill.platform.money.Money;

/**
 * The subscription, plus the plan taking effect at the next period, the trial end, the list price (undiscounted,
 * for refund maths) next to the price charged per period, and the holds that keep it suspended.
 */
public record SubscriptionResponse(String id, String accountId, String planId, String nextPlanId,
                                   SubscriptionStatus status, SubscriptionPeriod currentPeriod, Instant trialEndsAt,
                                   Instant cancelAt, String latestChargeId, Money listPrice, Money price,
                                   Integer couponPercentOff, String paymentMethod, List<Hold> holds,
                                   Instant createdAt) {

    public record Hold(String reason, String reference) {
    }

    static SubscriptionResponse of(SubscriptionView view) {
        return new SubscriptionResponse(view.id(), view.accountId(), view.planId(), view.nextPlanId(), view.status(),
                view.currentPeriod(), view.trialEndsAt(), view.cancelAt(), view.latestChargeId(), view.listPrice(),
                view.price(), view.couponPercentOff(), view.paymentMethod(),
                view.holds().stream().map(hold -> new Hold(hold.reason().name(), hold.reference())).toList(),
                view.createdAt());
    }
}
