package dev.fairbill.ledger.web;

/** The transfer was recorded; the sub-reseller's ledger shows the credits as a TRANSFER lot shortly after. */
public record TransferResponse(String id, String fromAccountId, String toAccountId, long amount) {
}
