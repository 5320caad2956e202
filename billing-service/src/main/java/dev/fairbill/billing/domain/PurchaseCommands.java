package dev.fairbill.billing.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;


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

    /** @param currentCount what is there now (some units may have dropped); {@code null} means {@code delivered} */
    public record ReportPurchaseFulfilment(@TargetAggregateIdentifier PurchaseId purchaseId, String tenant,
                                           PurchaseFulfilmentStatus status, long delivered, Long currentCount) {
    }

    private PurchaseCommands() {
    }
}
