package dev.fairbill.ledger.web;

import java.time.Instant;

import dev.fairbill.ledger.query.LotView;

/** A lot as the API shows it; {@code closedAs} says why nothing is left when it was expired, forfeited, … */
public record LotResponse(String id, String unit, String source, long granted, long remaining, Instant expiresAt,
                          String reference, String chargeId, String closedAs, Instant grantedAt) {

    static LotResponse of(LotView lot) {
        return new LotResponse(lot.id(), lot.unit(), lot.source(), lot.granted(), lot.remaining(), lot.expiresAt(),
                lot.reference(), lot.chargeId(), lot.closedAs(), lot.grantedAt());
    }
}
