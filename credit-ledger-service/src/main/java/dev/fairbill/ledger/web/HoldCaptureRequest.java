package dev.fairbill.ledger.web;

import jakarta.validation.constraints.Positive;

/** Captures all of a hold, or {@code amount} of it with the rest released. */
public record HoldCaptureRequest(@Positive Long amount) {
}
