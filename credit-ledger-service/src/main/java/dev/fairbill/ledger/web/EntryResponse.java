package dev.fairbill.ledger.web;

import java.time.Instant;

import dev.fairbill.ledger.query.EntryView;

/** A statement line ({@code GET /ledgers/{accountId}/entries}); {@code amount} is signed, in {@code unit}. */
public record EntryResponse(String id, String type, String unit, long amount, String lotId, String reference,
                            Instant occurredAt) {

    static EntryResponse of(EntryView view) {
        return new EntryResponse(view.id(), view.type(), view.unit(), view.amount(), view.lotId(), view.reference(),
                view.occurredAt());
    }
}
