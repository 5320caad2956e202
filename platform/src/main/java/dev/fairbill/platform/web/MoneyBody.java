package dev.fairbill.platform.web;

import java.util.Currency;

import dev.fairbill.platform.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Money in a request body, as API.md writes it: positive integer minor units and an ISO-4217 code. */
public record MoneyBody(@NotNull @Positive Long amount, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {

    /** @param field the body's field, named in the 400 when the code is not a currency */
    public Money toMoney(String field) {
        try {
            return new Money(amount, Currency.getInstance(currency));
        } catch (IllegalArgumentException unknown) {
            throw new ValidationFailedException(field + ".currency", "is not an ISO-4217 currency code");
        }
    }
}
