package dev.fairbill.ledger.web;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * API.md {@code POST /ledgers/{accountId}/holds}; {@code expiresIn} is an ISO-8601 duration ({@code "PT10M"}) or
 * seconds, defaulting to {@code fairbill.ledger.hold-default-expiry}.
 */
public record HoldRequest(@NotNull @Positive Long amount, @NotBlank @Size(max = 255) String reference,
                          Duration expiresIn) {
}
