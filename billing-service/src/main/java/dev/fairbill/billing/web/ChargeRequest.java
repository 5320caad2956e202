package dev.fairbill.billing.web;

import dev.fairbill.platform.web.MoneyBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/charges}. Without a payment method the account's default is charged. */
public record ChargeRequest(@NotBlank @Size(max = 64) String accountId,
                            @NotNull @Valid MoneyBody amount,
                            @NotBlank @Size(max = 1000) String description,
                            @Size(max = 64) String subscriptionId,
                            @Size(max = 64) String purchaseId,
                            @Size(max = 255) String paymentMethod,
                            Boolean intentional) {
}
