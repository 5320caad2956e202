package dev.fairbill.ledger.ledger;

/** Where a lot came from (docs/domain.md, credit ledger, the table of lot sources). */
public enum LotSource {
    /**
     * Included in a subscription period; forfeited when the subscription is cancelled or expires
     * (final-sale-duplicates-refunded §3.1).
     */
    SUBSCRIPTION_ALLOWANCE,
    /** Bought as a credit pack; final, never expires (final-sale-reseller §5, final-sale-duplicates-refunded §3.2). */
    PURCHASED,
    /** Free trial credits, expiring at the trial's end (final-sale-duplicates-refunded §3.3). */
    TRIAL,
    /** Outage compensation (final-sale-duplicates-refunded §4.1–4.2). */
    SERVICE_CREDIT,
    /** A discretionary correction (final-sale-reseller §8). */
    GOODWILL,
    /** A discretionary correction (final-sale-reseller §8). */
    ADJUSTMENT,
    /** Money held for the customer, in a currency: a refund paid as account balance (cooling-off-prorata). */
    REFUND_BALANCE,
    /** Allocated by the account's reseller (final-sale-reseller §5). */
    TRANSFER;

    /** Cash lots hold a currency; every other source holds credits. */
    public boolean holdsCash() {
        return this == REFUND_BALANCE;
    }

    /** The sources an operator or a saga may grant directly; the others come from billing's facts or transfers. */
    public boolean isGrantable() {
        return this == SERVICE_CREDIT || this == GOODWILL || this == ADJUSTMENT || this == REFUND_BALANCE;
    }

    /**
     * Forfeited with its subscription (final-sale-duplicates-refunded §3.1; trial credits belong to the subscription's
     * trial).
     */
    public boolean isSubscriptionBound() {
        return this == SUBSCRIPTION_ALLOWANCE || this == TRIAL;
    }
}
