package dev.fairbill.billing.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fairbill.billing.query.PurchaseView;
import dev.fairbill.platform.money.Money;

/**
 * A purchase. {@code status} is PENDING_PAYMENT until the charge's outcome is recorded (normally well under a
 * second), then PAID or PAYMENT_FAILED.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PurchaseResponse(String id, String accountId, String productId, String kind, Money amount,
                               String chargeId, String status, Fulfilment fulfilment, List<Refill> refills,
                               Instant purchasedAt, Instant createdAt) {

    /** @param completedAt when delivery completed; the refill window counts from it */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Fulfilment(String status, long ordered, long delivered, long currentCount,
                             Duration maxDeliveryTime, Duration refillWindow, Instant completedAt) {
    }

    /**
     * A re-delivery a refund case asked for: {@code NOT_STARTED} until the delivering system reports on it with
     * its {@code refillId}, then IN_PROGRESS, COMPLETED (delivered; the case is remedied), PARTIAL or FAILED.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Refill(String id, String caseId, long quantity, long delivered, String status,
                         Instant requestedAt, Instant completedAt) {
    }

    static PurchaseResponse of(PurchaseView view) {
        return new PurchaseResponse(view.id(), view.accountId(), view.productId(), view.kind(), view.amount(),
                view.chargeId(), view.status(), new Fulfilment(view.fulfilmentStatus(), view.ordered(),
                view.delivered(), view.currentCount(), view.maxDeliveryTime(), view.refillWindow(),
                view.completedAt()),
                view.refills().stream().map(refill -> new Refill(refill.id(), refill.caseId(), refill.quantity(),
                        refill.delivered(), refill.status(), refill.requestedAt(), refill.completedAt())).toList(),
                view.purchasedAt(), view.createdAt());
    }
}
