package dev.fairbill.billing.catalog;

/**
 * What a one-time product is: credits granted at once (final-sale-reseller §5, final-sale-duplicates-refunded §3.2) or
 * a delivery (refill-or-refund).
 */
public enum ProductKind {
    CREDIT_PACK,
    DELIVERY_ORDER
}
