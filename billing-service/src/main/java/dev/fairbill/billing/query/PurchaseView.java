package dev.fairbill.billing.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.fairbill.platform.money.Money;

/** A purchase as the read model holds it, with the refills refund cases asked for on it. */
public record PurchaseView(String id, String tenant, String accountId, String productId, String kind, Money amount,
                           String chargeId, String status, String fulfilmentStatus, long ordered, long delivered,
                           long currentCount, Duration maxDeliveryTime, Duration refillWindow, Instant completedAt,
                           Instant purchasedAt, Instant createdAt, List<Refill> refills) {

    /** A re-delivery asked for by refund case {@code caseId}; {@code completedAt} once it is delivered. */
    public record Refill(String id, String caseId, long quantity, long delivered, String status,
                         Instant requestedAt, Instant completedAt) {
    }

    PurchaseView withRefills(List<Refill> found) {
        return new PurchaseView(id, tenant, accountId, productId, kind, amount, chargeId, status, fulfilmentStatus,
                ordered, delivered, currentCount, maxDeliveryTime, refillWindow, completedAt, purchasedAt, createdAt,
                List.copyOf(found));
    }
}
