package dev.fairbill.billing.web;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param couponPercentOff lowers every period's charge; the list price is kept for refund maths */
public record SubscriptionCreateRequest(@NotBlank @Size(max = 64) String accountId,
                                        @NotBlank @Size(max = 64) String planId,
                                        @Size(max = 255) String paymentMethod,
                                        Instant backdateStartTo,
                                        @Min(1) @Max(99) Integer couponPercentOff) {
}
