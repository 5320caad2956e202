package dev.fairbill.ledger.ledger;

/** Why what was left of a lot was taken away. Each is an entry of its own, never an edit of the lot. */
public enum RemovalKind {
    EXPIRED,
    FORFEITED,
    CLAWED_BACK,
    VOIDED
}
