package dev.fairbill.billing.web;

import java.util.Currency;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.ValidationFailedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** API.md {@code POST /api/v1/charges}. Without a payment method the account's default is charged. */
public record ChargeRequest(@NotBlank @Size(max = 64) String accountId,
                            @NotNull @Valid Amount amount,
                            @NotBlank @Size(max = 1000) String description,
                            @Size(max = 64) String subscriptionId,
                            @Size(max = 64) String purchaseId,
                            @Size(max = 255) String paymentMethod,
                            Boolean intentional) {

    /** Money as API.md writes it: integer minor units and an ISO-4217 code. */
    public record Amount(@NotNull @Positive Long amount, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {

        Money toMoney() {
            try {
                return new Money(amount, Currency.getInstance(currency));
            } catch (IllegalArgumentException unknown) {
                throw new ValidationFailedException("amount.currency", "is not an ISO-4217 currency code");
            }
        }
    }
}
