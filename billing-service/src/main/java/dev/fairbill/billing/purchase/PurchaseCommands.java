package dev.fairbill.billing.purchase;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;


/** The commands the Purchase aggregate accepts. */
public final class PurchaseCommands {

    /**
     * Places a purchase of a catalog product; {@code chargeId} is the charge that pays it, captured right after.
     *
     * @param backdateTo when an imported purchase was really made, or {@code null} for now
     */
    public record PlacePurchase(@TargetAggregateIdentifier PurchaseId purchaseId, AccountId accountId, String tenant,
                                PurchaseProduct product, ChargeId chargeId, Instant backdateTo) {
    }

    /** The purchase's charge was captured ({@code failureCode} null) or failed. */
    public record RecordPurchasePayment(@TargetAggregateIdentifier PurchaseId purchaseId, ChargeId chargeId,
                                        String failureCode) {
    }

    /**
     * @param currentCount what is there now (some units may have dropped); {@code null} means {@code delivered}, or
     *                     unchanged for a refill's report
     * @param refillId     the refill the report is about, or {@code null} for the order's own delivery
     */
    public record ReportPurchaseFulfilment(@TargetAggregateIdentifier PurchaseId purchaseId, String tenant,
                                           PurchaseFulfilmentStatus status, long delivered, Long currentCount,
                                           String refillId) {

        public ReportPurchaseFulfilment(PurchaseId purchaseId, String tenant, PurchaseFulfilmentStatus status,
                                        long delivered, Long currentCount) {
            this(purchaseId, tenant, status, delivered, currentCount, null);
        }
    }

    /** A refund case's remedy asks the delivering system to re-deliver {@code quantity} units (refill-or-refund). */
    public record RecordRefillRequest(@TargetAggregateIdentifier PurchaseId purchaseId, String tenant,
                                      String refillId, String caseId, long quantity, Instant requestedAt) {
    }

    private PurchaseCommands() {
    }
}
