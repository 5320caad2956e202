package dev.fairbill.ledger.query;

import java.time.Instant;

public record HoldView(String id, String accountId, long amount, long captured, String status, String reference,
                       Instant expiresAt, Instant placedAt, Instant settledAt) {
}
