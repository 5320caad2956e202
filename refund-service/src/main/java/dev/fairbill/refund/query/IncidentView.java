package dev.fairbill.refund.query;

import java.time.Instant;

public record IncidentView(long seq, String id, Instant startedAt, Instant endedAt, String scope,
                           String description, Instant recordedAt) {
}
