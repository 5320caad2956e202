package dev.fairbill.platform.web;

import java.util.Currency;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.input.InputLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Money in a request body: positive integer minor units, at most {@link InputLimits#MAX_AMOUNT}, and an ISO-4217
 * code.
 */
public record MoneyBody(@NotNull @Positive @Max(InputLimits.MAX_AMOUNT) Long amount,
                        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 currency code")
                        String currency) {

    /** @param field the body's field, named in the 400 when the code is not a currency */
    public Money toMoney(String field) {
        try {
            return new Money(amount, Currency.getInstance(currency));
        } catch (IllegalArgumentException unknown) {
            throw new ValidationFailedException(field + ".currency", "is not an ISO-4217 currency code");
        }
    }
}
