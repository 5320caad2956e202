package dev.fairbill.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    private static final Money TEN_EUR = Money.of(1000, "EUR");

    @Test
    void arithmeticKeepsMinorUnitsExact() {
        assertThat(TEN_EUR.plus(Money.of(1, "EUR"))).isEqualTo(Money.of(1001, "EUR"));
        assertThat(TEN_EUR.minus(Money.of(1999, "EUR"))).isEqualTo(Money.of(-999, "EUR"));
        assertThat(TEN_EUR.times(12)).isEqualTo(Money.of(12000, "EUR"));
        assertThat(TEN_EUR.negate()).isEqualTo(Money.of(-1000, "EUR"));
    }

    @Test
    void comparisonsAndSigns() {
        assertThat(TEN_EUR.isGreaterThan(Money.of(999, "EUR"))).isTrue();
        assertThat(TEN_EUR.isLessThan(Money.of(999, "EUR"))).isFalse();
        assertThat(Money.zero(TEN_EUR.currency()).isZero()).isTrue();
        assertThat(TEN_EUR.negate().isNegative()).isTrue();
        assertThat(TEN_EUR.isPositive()).isTrue();
    }

    @Test
    void mixingCurrenciesIsRefused() {
        Money usd = Money.of(1000, "USD");

        assertThatThrownBy(() -> TEN_EUR.plus(usd)).isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("EUR").hasMessageContaining("USD");
        assertThatThrownBy(() -> TEN_EUR.compareTo(usd)).isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void currencyIsRequired() {
        assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void jsonIsAmountAndIsoCurrencyOnly() {
        var json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

        String written = json.writeValueAsString(Money.of(1999, "EUR"));

        assertThat(written).isEqualTo("{\"amount\":1999,\"currency\":\"EUR\"}");
        assertThat(json.readValue(written, Money.class)).isEqualTo(Money.of(1999, "EUR"));
    }
}
