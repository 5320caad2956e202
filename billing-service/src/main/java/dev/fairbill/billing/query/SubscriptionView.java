package dev.fairbill.billing.query;

import java.time.Instant;
import java.util.List;

import dev.fairbill.billing.subscription.SubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionPeriod;
import dev.fairbill.billing.subscription.SubscriptionStatus;
import dev.fairbill.platform.money.Money;

/** A subscription as the read model holds it. */
public record SubscriptionView(String id, String tenant, String accountId, String planId, String nextPlanId,
                               SubscriptionStatus status, SubscriptionPeriod currentPeriod, Instant trialEndsAt,
                               Instant cancelAt, String latestChargeId, Money listPrice, Money price,
                               Integer couponPercentOff, String paymentMethod, List<SubscriptionSuspension> holds,
                               Instant createdAt) {
}
