package dev.fairbill.billing.subscription;

/**
 * When a cancellation takes effect (final-sale-duplicates-refunded §1.2–1.3); neither refunds anything by itself
 * (final-sale-reseller §10).
 */
public enum SubscriptionCancellationMode {
    /** Access until the paid period ends, then no renewal; withdrawable until then. */
    END_OF_PERIOD,
    /** Access ends now; the current period is not refunded. */
    IMMEDIATE
}
