package dev.fairbill.billing.web;

import dev.fairbill.billing.purchase.PurchaseFulfilmentStatus;
import dev.fairbill.platform.web.input.InputLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/purchases/{id}/fulfilment}, reported by the delivering system: for the order, or with
 * {@code refillId} for one of its refills ({@code delivered} then counts the refill's units).
 */
public record PurchaseFulfilmentRequest(@NotNull PurchaseFulfilmentStatus status,
                                        @NotNull @PositiveOrZero @Max(InputLimits.MAX_AMOUNT) Long delivered,
                                        @PositiveOrZero @Max(InputLimits.MAX_AMOUNT) Long currentCount,
                                        @Size(max = 64) String refillId) {
}
