package dev.fairbill.refund.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/incidents}: an outage of everything ({@code ALL}) or of one plan; without {@code endedAt} it is
 * still going on and is closed later.
 */
public record IncidentRequest(@NotNull Instant startedAt, Instant endedAt,
                              @NotBlank @Size(max = 64) String scope,
                              @NotBlank @Size(max = 2000) String description) {
}
