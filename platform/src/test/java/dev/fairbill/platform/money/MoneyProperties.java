package dev.fairbill.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class MoneyProperties {

    private static final long BOUND = Long.MAX_VALUE / 4;

    @Property
    void addingThenSubtractingIsIdentity(@ForAll @LongRange(min = -BOUND, max = BOUND) long a,
            @ForAll @LongRange(min = -BOUND, max = BOUND) long b, @ForAll("currencies") Currency currency) {
        Money x = new Money(a, currency);
        Money y = new Money(b, currency);

        assertThat(x.plus(y).minus(y)).isEqualTo(x);
    }

    @Property
    void additionCommutesAndNegationCancels(@ForAll @LongRange(min = -BOUND, max = BOUND) long a,
            @ForAll @LongRange(min = -BOUND, max = BOUND) long b, @ForAll("currencies") Currency currency) {
        Money x = new Money(a, currency);
        Money y = new Money(b, currency);

        assertThat(x.plus(y)).isEqualTo(y.plus(x));
        assertThat(x.plus(x.negate()).isZero()).isTrue();
    }

    @Property
    void timesIsRepeatedAddition(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long a,
            @ForAll @LongRange(min = 0, max = 20) long factor, @ForAll("currencies") Currency currency) {
        Money x = new Money(a, currency);
        Money sum = Money.zero(currency);
        for (long i = 0; i < factor; i++) {
            sum = sum.plus(x);
        }

        assertThat(x.times(factor)).isEqualTo(sum);
    }

    @Property
    void mixedCurrenciesAreAlwaysRefused(@ForAll long a, @ForAll long b, @ForAll("currencies") Currency first,
            @ForAll("currencies") Currency second) {
        Assume.that(!first.equals(second));
        Money x = new Money(a, first);
        Money y = new Money(b, second);

        assertThatThrownBy(() -> x.plus(y)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> x.minus(y)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> x.compareTo(y)).isInstanceOf(CurrencyMismatchException.class);
    }

    @Property
    void overflowIsRefusedRatherThanWrapped(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long a,
            @ForAll("currencies") Currency currency) {
        Money max = new Money(Long.MAX_VALUE, currency);
        Money min = new Money(Long.MIN_VALUE, currency);

        assertThatThrownBy(() -> max.plus(new Money(a, currency))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> min.minus(new Money(a, currency))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(min::negate).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("EUR", "USD", "GBP", "JPY", "CHF").map(Currency::getInstance);
    }
}
