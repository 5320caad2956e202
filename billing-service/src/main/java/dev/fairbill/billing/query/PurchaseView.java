package dev.fairbill.billing.query;

import java.time.Duration;
import java.time.Instant;

import dev.fairbill.platform.money.Money;

/** A purchase as the read model holds it. */
public record PurchaseView(String id, String tenant, String accountId, String productId, String kind, Money amount,
                           String chargeId, String status, String fulfilmentStatus, long ordered, long delivered,
                           long currentCount, Duration maxDeliveryTime, Duration refillWindow, Instant completedAt,
                           Instant purchasedAt, Instant createdAt) {
}
