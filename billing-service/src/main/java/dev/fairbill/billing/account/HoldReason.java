package dev.fairbill.billing.account;

/** Why an account (and with it its subscriptions, access and reseller privileges) is held (seed 000 §9, seed 001 §7). */
public enum HoldReason {
    /** A chargeback or payment dispute is being reviewed. */
    DISPUTE,
    /** An operator suspended the account by hand. */
    OPERATOR
}
