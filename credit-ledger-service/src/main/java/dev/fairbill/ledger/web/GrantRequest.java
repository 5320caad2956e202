package dev.fairbill.ledger.web;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.fairbill.ledger.ledger.LotSource;
import dev.fairbill.platform.web.input.InputLimits;

/**
 * A grant by an operator or a saga. {@code unit} is {@code CREDIT} (the default) or, for a {@code REFUND_BALANCE}
 * cash lot, the currency, with {@code amount} in its minor units; {@code chargeId} names the charge a cash lot came
 * from, which a withdrawal refunds.
 */
public record GrantRequest(@NotNull @Positive @Max(InputLimits.MAX_AMOUNT) Long amount,
                           @NotNull LotSource source,
                           @Size(max = 8) String unit,
                           Instant expiresAt,
                           @Size(max = 255) String reference,
                           @Size(max = 64) String chargeId) {
}
