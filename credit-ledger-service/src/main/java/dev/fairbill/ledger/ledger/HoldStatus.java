package dev.fairbill.ledger.ledger;

/** A hold is PENDING until captured, released by the client, or expired (two-phase holds). */
public enum HoldStatus {
    PENDING,
    CAPTURED,
    RELEASED,
    EXPIRED
}
