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

    /**
     * A purchase of {@code product} was placed. Revision 2 keeps the product as one value; revision 1 listed its fields
     * one by one, and {@link PurchaseUpcaster} nests them.
     *
     * @param purchasedAt when it was bought: now, or an imported purchase's past date
     */
    @StoredAs("billing.PurchasePlaced")
    @Revision("2")
    public record PurchasePlaced(PurchaseId purchaseId, AccountId accountId, String tenant, PurchaseProduct product,
                                 ChargeId chargeId, Instant purchasedAt, Instant placedAt) implements OfProduct {

        /** The credits the product grants once paid (a credit pack's). */
        public long credits() {
            return product.credits();
        }
    }

    /**
     * The purchase's charge was captured. Revision 2 keeps the product as one value; revision 1 listed its fields one
     * by one, with the price as {@code amount}, and {@link PurchaseUpcaster} nests them.
     *
     * @param credits the credits the purchase grants now that it is paid: a credit pack's, otherwise none
     */
    @StoredAs("billing.PurchasePaid")
    @Revision("2")
    public record PurchasePaid(PurchaseId purchaseId, AccountId accountId, String tenant, PurchaseProduct product,
                               ChargeId chargeId, long credits, Instant purchasedAt, Instant paidAt)
            implements OfProduct {

        /** What was paid: the product's price. */
        public Money amount() {
            return product.price();
        }
    }

    /** An event of a purchase, with its product's terms read field by field. */
    public interface OfProduct {

        PurchaseProduct product();

        default String productId() {
            return product().id();
        }

        default Kind kind() {
            return product().kind();
        }

        default Money price() {
            return product().price();
        }

        default long quantity() {
            return product().quantity();
        }

        default Duration refillWindow() {
            return product().refillWindow();
        }

        default Duration maxDeliveryTime() {
            return product().maxDeliveryTime();
        }
    }

    @StoredAs("billing.PurchasePaymentFailed")
    @Revision("1")
    public record PurchasePaymentFailed(PurchaseId purchaseId, AccountId accountId, String tenant,
                                        ChargeId chargeId, String failureCode, Instant failedAt) {
    }

    /**
     * The delivering system reported on the purchase. Revision 2 keeps the report as one value; revision 1 listed its
     * fields one by one, and {@link PurchaseUpcaster} nests them.
     *
     * @param completedAt when delivery first completed (the refill window counts from it), or {@code null}
     */
    @StoredAs("billing.PurchaseFulfilmentChanged")
    @Revision("2")
    public record PurchaseFulfilmentChanged(PurchaseId purchaseId, AccountId accountId, String tenant,
                                            String productId, FulfilmentProgress progress, long ordered,
                                            Instant completedAt, Instant changedAt) implements Reported {
    }

    /**
     * What the delivering system reported.
     *
     * @param delivered    the units it delivered
     * @param currentCount what is there now, after its units
     */
    public record FulfilmentProgress(PurchaseFulfilmentStatus status, long delivered, long currentCount) {
    }

    /** A report of the delivering system, read field by field. */
    public interface Reported {

        FulfilmentProgress progress();

        default PurchaseFulfilmentStatus status() {
            return progress().status();
        }

        default long delivered() {
            return progress().delivered();
        }

        default long currentCount() {
            return progress().currentCount();
        }
    }

    /** A refund case's remedy asked for a refill; it is {@code NOT_STARTED} until the delivering system reports. */
    @StoredAs("billing.RefillRequested")
    @Revision("1")
    public record RefillRequested(PurchaseId purchaseId, AccountId accountId, String tenant, String refillId,
                                  String caseId, long quantity, Instant requestedAt, Instant recordedAt) {
    }

    /**
     * The delivering system reported on a refill. Revision 2 keeps the report as one value; revision 1 listed its
     * fields one by one, and {@link PurchaseUpcaster} nests them.
     */
    @StoredAs("billing.RefillFulfilmentChanged")
    @Revision("2")
    public record RefillFulfilmentChanged(PurchaseId purchaseId, AccountId accountId, String tenant, String refillId,
                                          String caseId, FulfilmentProgress progress, long quantity,
                                          Instant changedAt) implements Reported {
    }

    private PurchaseEvents() {
    }
}
