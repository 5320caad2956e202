package dev.fairbill.platform.money;

import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An amount of money in integer minor units of its currency ({@code 1999 EUR} is €19.99). Arithmetic refuses to mix
 * currencies and to overflow; there is no floating point anywhere.
 */
public record Money(long amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amount, String currencyCode) {
        return new Money(amount, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(amount, sameCurrency(other).amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(amount, sameCurrency(other).amount);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    // The is-methods are not JSON properties: without @JsonIgnore Jackson would write "zero", "negative"…
    @JsonIgnore
    public boolean isZero() {
        return amount == 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount < 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount > 0;
    }

    @Override
    public String toString() {
        return amount + " " + currency.getCurrencyCode();
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(this, other);
        }
        return other;
    }
}
