package dev.fairbill.billing.catalog;

/** What a one-time product is: credits granted at once (seed 000 §5, seed 001 §3.2) or a delivery (seed 003). */
public enum ProductKind {
    CREDIT_PACK,
    DELIVERY_ORDER
}
