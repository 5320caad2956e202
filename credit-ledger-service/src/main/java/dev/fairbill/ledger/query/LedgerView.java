package dev.fairbill.ledger.query;

import java.time.Instant;

public record LedgerView(String accountId, String tenant, long balance, boolean frozen, String tier,
                         Instant openedAt) {
}
