package dev.fairbill.refund.policy;

/** What a {@code REMEDY} decision does instead of paying money (docs/domain.md, refunds). */
public enum RemedyKind {
    /** Re-deliver what dropped inside the refill window (seed 003). */
    REFILL,
    /** Credits proportional to outage time (seed 001 §4.2). */
    SERVICE_CREDIT,
    /** A longer subscription period (seed 001 §4.1). */
    SUBSCRIPTION_EXTENSION,
    /** Move or correct what was applied, e.g. a renewal on the wrong device (seed 000 §6). */
    ACCOUNT_CORRECTION,
    /** Route to support to fix the problem (seed 000 §7). */
    OPERATIONAL_FIX
}
