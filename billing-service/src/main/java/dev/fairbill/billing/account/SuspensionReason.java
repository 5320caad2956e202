package dev.fairbill.billing.account;

/**
 * Why an account (and with it its subscriptions, access and reseller privileges) is held (final-sale-reseller §9,
 * final-sale-duplicates-refunded §7).
 */
public enum SuspensionReason {
    /** A chargeback or payment dispute is being reviewed. */
    DISPUTE,
    /** An operator suspended the account by hand. */
    OPERATOR
}
