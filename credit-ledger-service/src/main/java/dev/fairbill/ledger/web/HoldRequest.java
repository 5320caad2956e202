package dev.fairbill.ledger.web;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.fairbill.platform.web.input.InputLimits;

/**
 * A hold on credits for work in progress; {@code expiresIn} is an ISO-8601 duration ({@code "PT10M"}) or seconds,
 * defaulting to {@code fairbill.ledger.hold-default-expiry}.
 */
public record HoldRequest(@NotNull @Positive @Max(InputLimits.MAX_AMOUNT) Long amount,
                          @NotBlank @Size(max = 255) String reference,
                          Duration expiresIn) {
}
