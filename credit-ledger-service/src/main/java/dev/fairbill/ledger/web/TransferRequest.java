package dev.fairbill.ledger.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** API.md {@code POST /ledgers/{accountId}/transfers}: to a sub-reseller of this reseller only. */
public record TransferRequest(@NotBlank @Size(max = 64) String toAccountId, @NotNull @Positive Long amount) {
}
