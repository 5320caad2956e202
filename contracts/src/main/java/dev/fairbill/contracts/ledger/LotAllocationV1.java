package dev.fairbill.contracts.ledger;

/** How much of one lot an operation took (or gave back). */
public record LotAllocationV1(String lotId, long amount) {
}
