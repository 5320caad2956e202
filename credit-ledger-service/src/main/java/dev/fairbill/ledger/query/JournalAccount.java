package dev.fairbill.ledger.query;

import dev.fairbill.ledger.ledger.LotSource;

/**
 * The accounts of the double-entry journal (customer credit liability versus revenue, breakage and
 * compensation expense). Each is kept per unit ({@code CREDIT} or a currency); {@link #CUSTOMER_LIABILITY} also per
 * customer account.
 */
public enum JournalAccount {
    /** What the merchant owes the customer: credits and cash balance not yet used. */
    CUSTOMER_LIABILITY,
    /** Credits reserved by pending holds. */
    HELD,
    /** Credits used (consumption, captured holds); refunds paid as balance reverse revenue. */
    REVENUE,
    /** Credits that expired or were forfeited unused. */
    BREAKAGE,
    /** Credits given away: trials, service credits, goodwill, adjustments. */
    COMPENSATION_EXPENSE,
    /** Consideration received for credits (purchases, subscription periods), and cash paid out by withdrawals. */
    CASH,
    /** Credits used beyond the balance under an overdraft, until a grant settles them. */
    OVERDRAFT_RECEIVABLE,
    /** Credits between a reseller's ledger and its sub-reseller's. */
    TRANSFERS_CLEARING,
    /** Cash balance applied to new charges. */
    CHARGE_PAYMENTS,
    /** Cash balance on its way back to the payment method. */
    WITHDRAWALS_IN_FLIGHT;

    /** What a grant of the source is booked against. */
    static JournalAccount counterpartOf(LotSource source) {
        return switch (source) {
            case PURCHASED, SUBSCRIPTION_ALLOWANCE -> CASH;
            case TRIAL, SERVICE_CREDIT, GOODWILL, ADJUSTMENT -> COMPENSATION_EXPENSE;
            case REFUND_BALANCE -> REVENUE;
            case TRANSFER -> TRANSFERS_CLEARING;
        };
    }
}
