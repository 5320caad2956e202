package dev.fairbill.ledger.query;

import java.time.Instant;

public record LotView(String id, String accountId, String unit, String source, long granted, long remaining,
                      Instant expiresAt, String reference, String chargeId, String closedAs, Instant grantedAt) {
}
