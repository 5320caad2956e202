package dev.fairbill.billing.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record SubscriptionPlanChangeRequest(@NotBlank @Size(max = 64) String planId) {
}
