package dev.fairbill.billing.web;

import dev.fairbill.billing.domain.PurchaseFulfilmentStatus;
import dev.fairbill.platform.web.input.InputLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** {@code POST /api/v1/purchases/{id}/fulfilment}, reported by the delivering system. */
public record PurchaseFulfilmentRequest(@NotNull PurchaseFulfilmentStatus status,
                                        @NotNull @PositiveOrZero @Max(InputLimits.MAX_AMOUNT) Long delivered,
                                        @PositiveOrZero @Max(InputLimits.MAX_AMOUNT) Long currentCount) {
}
