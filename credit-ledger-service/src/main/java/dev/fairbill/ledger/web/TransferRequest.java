package dev.fairbill.ledger.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.fairbill.platform.web.input.InputLimits;

/** A reseller's allocation of credits to one of its own sub-resellers. */
public record TransferRequest(@NotBlank @Size(max = 64) String toAccountId,
                              @NotNull @Positive @Max(InputLimits.MAX_AMOUNT) Long amount) {
}
