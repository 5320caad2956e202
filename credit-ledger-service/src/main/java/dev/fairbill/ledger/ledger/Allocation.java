package dev.fairbill.ledger.ledger;

/** How much of one lot an operation took (or gave back). */
public record Allocation(LotId lotId, long amount) {
}
