package dev.fairbill.billing.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record SubscriptionPaymentMethodRequest(@NotBlank @Size(max = 255) String paymentMethod) {
}
