package dev.fairbill.billing.purchase;

/** Whether a one-time purchase has been paid; it is charged at once when placed. */
public enum PurchaseStatus {
    PENDING_PAYMENT,
    PAID,
    PAYMENT_FAILED
}
