package dev.fairbill.ledger.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * API.md {@code POST /ledgers/{accountId}/grants}. {@code unit} is {@code CREDIT} (the default) or, for a
 * {@code REFUND_BALANCE} cash lot, the currency, with {@code amount} in its minor units; {@code chargeId} names the
 * charge a cash lot came from, which a withdrawal refunds.
 */
public record GrantRequest(@NotNull @Positive Long amount,
                           @NotBlank @Size(max = 32) String source,
                           @Size(max = 8) String unit,
                           Instant expiresAt,
                           @Size(max = 255) String reference,
                           @Size(max = 64) String chargeId) {
}
