package dev.fairbill.billing.charge;

/** Which rule of the duplicate-charge definition (docs/domain.md) made a charge a duplicate of an earlier one. */
public enum DuplicateRule {
    /** Two captures for the same subscription and billing period. */
    SAME_SUBSCRIPTION_PERIOD,
    /** Two captures for the same one-time purchase. */
    SAME_PURCHASE,
    /** The same account, amount and description within the window, not marked intentional. */
    SAME_ACCOUNT_AMOUNT_DESCRIPTION
}
