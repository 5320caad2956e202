package dev.fairbill.ledger.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** API.md {@code POST /ledgers/{accountId}/consumptions}. */
public record ConsumptionRequest(@NotNull @Positive Long amount, @NotBlank @Size(max = 255) String reference) {
}
