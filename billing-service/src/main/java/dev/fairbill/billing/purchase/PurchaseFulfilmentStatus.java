package dev.fairbill.billing.purchase;

/** How far the delivering system got with a delivery order (refill-or-refund). */
public enum PurchaseFulfilmentStatus {
    NOT_STARTED,
    IN_PROGRESS,
    COMPLETED,
    /** Delivery ended with only part of the order delivered. */
    PARTIAL,
    FAILED;

    /** No further delivery will happen: a refund or refill decision can rely on the numbers. */
    boolean isFinal() {
        return this == PARTIAL || this == FAILED;
    }
}
