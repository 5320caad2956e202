package dev.fairbill.ledger.query;

import java.time.Instant;

/** One statement line; {@code seq} orders them and is the cursor. */
public record EntryView(long seq, String id, String type, String unit, long amount, String lotId, String reference,
                        Instant occurredAt) {
}
