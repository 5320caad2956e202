package dev.fairbill.ledger.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.fairbill.platform.web.input.InputLimits;

/** A consumption of credits from the ledger, soonest-expiring lots first. */
public record ConsumptionRequest(@NotNull @Positive @Max(InputLimits.MAX_AMOUNT) Long amount,
                                 @NotBlank @Size(max = 255) String reference) {
}
