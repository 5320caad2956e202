package dev.fairbill.ledger.ledger;

/** Where a lot came from (docs/domain.md, credit ledger, the table of lot sources). */
public enum LotSource {
    /** Included in a subscription period; forfeited when the subscription is cancelled or expires (seed 001 §3.1). */
    SUBSCRIPTION_ALLOWANCE,
    /** Bought as a credit pack; final, never expires (seed 000 §5, seed 001 §3.2). */
    PURCHASED,
    /** Free trial credits, expiring at the trial's end (seed 001 §3.3). */
    TRIAL,
    /** Outage compensation (seed 001 §4.1–4.2). */
    SERVICE_CREDIT,
    /** A discretionary correction (seed 000 §8). */
    GOODWILL,
    /** A discretionary correction (seed 000 §8). */
    ADJUSTMENT,
    /** Money held for the customer, in a currency: a refund paid as account balance (seed 004). */
    REFUND_BALANCE,
    /** Allocated by the account's reseller (seed 000 §5). */
    TRANSFER;

    /** Cash lots hold a currency; every other source holds credits. */
    public boolean holdsCash() {
        return this == REFUND_BALANCE;
    }

    /** The sources an operator or a saga may grant directly; the others come from billing's facts or transfers. */
    public boolean isGrantable() {
        return this == SERVICE_CREDIT || this == GOODWILL || this == ADJUSTMENT || this == REFUND_BALANCE;
    }

    /** Forfeited with its subscription (seed 001 §3.1; trial credits belong to the subscription's trial). */
    public boolean isSubscriptionBound() {
        return this == SUBSCRIPTION_ALLOWANCE || this == TRIAL;
    }
}
