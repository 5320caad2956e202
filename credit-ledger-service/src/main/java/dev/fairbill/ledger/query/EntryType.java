package dev.fairbill.ledger.query;

import dev.fairbill.ledger.ledger.RemovalKind;

/** The kinds of statement entries; positive amounts add to the customer's balance, negative ones take from it. */
public enum EntryType {
    GRANT,
    CONSUMPTION,
    OVERDRAFT,
    OVERDRAFT_SETTLED,
    HOLD,
    HOLD_RELEASED,
    EXPIRY,
    FORFEIT,
    CLAWBACK,
    VOID,
    TRANSFER_OUT,
    CASH_APPLIED,
    CASH_RESTORED,
    WITHDRAWAL,
    WITHDRAWAL_RESTORED;

    static EntryType of(RemovalKind kind) {
        return switch (kind) {
            case EXPIRED -> EXPIRY;
            case FORFEITED -> FORFEIT;
            case CLAWED_BACK -> CLAWBACK;
            case VOIDED -> VOID;
        };
    }
}
