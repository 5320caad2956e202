package dev.fairbill.ledger.ledger;

import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a lot holds (docs/domain.md, credit ledger): plain credit units ({@code CREDIT}) or money in one currency (an
 * ISO-4217 code), which is the customer's cash balance.
 */
public record CreditUnit(@JsonValue String value) {

    public static final CreditUnit CREDIT = new CreditUnit("CREDIT");

    public CreditUnit {
        Objects.requireNonNull(value, "value");
        if (!"CREDIT".equals(value)) {
            Currency.getInstance(value);
        }
    }

    /** @throws IllegalArgumentException when it is neither {@code CREDIT} nor an ISO-4217 currency code */
    @JsonCreator
    public static CreditUnit of(String value) {
        return "CREDIT".equals(value) ? CREDIT : new CreditUnit(value);
    }

    public static CreditUnit of(Currency currency) {
        return new CreditUnit(currency.getCurrencyCode());
    }

    public boolean isCash() {
        return !CREDIT.value.equals(value);
    }

    public Currency currency() {
        if (!isCash()) {
            throw new IllegalStateException("CREDIT is not a currency");
        }
        return Currency.getInstance(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
