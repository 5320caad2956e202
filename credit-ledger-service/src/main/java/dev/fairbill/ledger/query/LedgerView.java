package dev.fairbill.ledger.query;

import java.time.Instant;

/** One account's ledger as the read model holds it. */
public record LedgerView(String accountId, String tenant, String role, String parentAccountId, long balance,
                         boolean frozen, String tier, Instant openedAt) {
}
