package dev.fairbill.billing.web;

import dev.fairbill.billing.domain.PurchaseFulfilmentStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** API.md {@code POST /api/v1/purchases/{id}/fulfilment}, reported by the delivering system. */
public record PurchaseFulfilmentRequest(@NotNull PurchaseFulfilmentStatus status,
                                        @NotNull @PositiveOrZero Long delivered,
                                        @PositiveOrZero Long currentCount) {
}
