package dev.fairbill.ledger.web;

import java.time.Instant;

import dev.fairbill.ledger.query.HoldView;

public record HoldResponse(String id, String status, long amount, long captured, String reference,
                           Instant expiresAt, Instant createdAt) {

    static HoldResponse of(HoldView view) {
        return new HoldResponse(view.id(), view.status(), view.amount(), view.captured(), view.reference(),
                view.expiresAt(), view.placedAt());
    }
}
