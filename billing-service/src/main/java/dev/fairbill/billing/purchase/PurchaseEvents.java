package dev.fairbill.billing.purchase;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.purchase.PurchaseProduct.Kind;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/** The Purchase aggregate's events. */
public final class PurchaseEvents {

    /** @param purchasedAt when it was bought: now, or an imported purchase's past date */
    @StoredAs("billing.PurchasePlaced")
    @Revision("1")
    public record PurchasePlaced(PurchaseId purchaseId, AccountId accountId, String tenant, String productId,
                                 Kind kind, Money price, long credits, long quantity, Duration refillWindow,
                                 Duration maxDeliveryTime, ChargeId chargeId, Instant purchasedAt,
                                 Instant placedAt) {
    }

    @StoredAs("billing.PurchasePaid")
    @Revision("1")
    public record PurchasePaid(PurchaseId purchaseId, AccountId accountId, String tenant, String productId,
                               Kind kind, ChargeId chargeId, Money amount, long credits, long quantity,
                               Instant purchasedAt, Instant paidAt, Duration refillWindow,
                               Duration maxDeliveryTime) {
    }

    @StoredAs("billing.PurchasePaymentFailed")
    @Revision("1")
    public record PurchasePaymentFailed(PurchaseId purchaseId, AccountId accountId, String tenant,
                                        ChargeId chargeId, String failureCode, Instant failedAt) {
    }

    /** @param completedAt when delivery first completed (the refill window counts from it), or {@code null} */
    @StoredAs("billing.PurchaseFulfilmentChanged")
    @Revision("1")
    public record PurchaseFulfilmentChanged(PurchaseId purchaseId, AccountId accountId, String tenant,
                                            String productId, PurchaseFulfilmentStatus status, long ordered,
                                            long delivered, long currentCount, Instant completedAt,
                                            Instant changedAt) {
    }

    /** A refund case's remedy asked for a refill; it is {@code NOT_STARTED} until the delivering system reports. */
    @StoredAs("billing.RefillRequested")
    @Revision("1")
    public record RefillRequested(PurchaseId purchaseId, AccountId accountId, String tenant, String refillId,
                                  String caseId, long quantity, Instant requestedAt, Instant recordedAt) {
    }

    /** @param currentCount what is there now on the purchase, after the refill's units */
    @StoredAs("billing.RefillFulfilmentChanged")
    @Revision("1")
    public record RefillFulfilmentChanged(PurchaseId purchaseId, AccountId accountId, String tenant, String refillId,
                                          String caseId, PurchaseFulfilmentStatus status, long quantity,
                                          long delivered, long currentCount, Instant changedAt) {
    }

    private PurchaseEvents() {
    }
}
