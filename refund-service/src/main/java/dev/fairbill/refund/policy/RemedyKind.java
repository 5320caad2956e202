package dev.fairbill.refund.policy;

/** What a {@code REMEDY} decision does instead of paying money (docs/domain.md, refunds). */
public enum RemedyKind {
    /** Re-deliver what dropped inside the refill window (refill-or-refund). */
    REFILL,
    /** Credits proportional to outage time (final-sale-duplicates-refunded §4.2). */
    SERVICE_CREDIT,
    /** A longer subscription period (final-sale-duplicates-refunded §4.1). */
    SUBSCRIPTION_EXTENSION,
    /** Move or correct what was applied, e.g. a renewal on the wrong device (final-sale-reseller §6). */
    ACCOUNT_CORRECTION,
    /** Route to support to fix the problem (final-sale-reseller §7). */
    OPERATIONAL_FIX
}
