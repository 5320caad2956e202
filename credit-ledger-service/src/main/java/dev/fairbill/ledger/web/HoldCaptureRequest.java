package dev.fairbill.ledger.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import dev.fairbill.platform.web.input.InputLimits;

/** Captures all of a hold, or {@code amount} of it with the rest released. */
public record HoldCaptureRequest(@Positive @Max(InputLimits.MAX_AMOUNT) Long amount) {
}
