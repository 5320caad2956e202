package dev.fairbill.ledger.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Voids what is left of a lot granted by mistake; the reason is kept in the entry. */
public record VoidRequest(@NotBlank @Size(max = 255) String reason) {
}
