package dev.fairbill.billing.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/purchases}; charged at once.
 *
 * @param backdateTo when an imported purchase was really made; the refill window and delivery time count from it
 */
public record PurchaseRequest(@NotBlank @Size(max = 64) String accountId,
                              @NotBlank @Size(max = 64) String productId,
                              @Size(max = 255) String paymentMethod,
                              Instant backdateTo) {
}
