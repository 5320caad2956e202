package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;

class ExplanationsTest {

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource({"P7D, 7 days", "PT24H, 24 hours", "PT1H, 1 hour", "PT26H30M, 26 hours 30 minutes", "P30D, 30 days",
            "PT0S, 0 seconds", "PT1M1S, 1 minute 1 second"})
    void durationsReadAsPeopleSayThem(Duration duration, String text) {
        assertThat(Explanations.duration(duration)).isEqualTo(text);
    }

    @Test
    void moneyReadsInMajorUnitsWithItsCurrency() {
        assertThat(Explanations.money(Money.of(6712, "EUR"))).isEqualTo("67.12 EUR");
        assertThat(Explanations.money(Money.of(5, "EUR"))).isEqualTo("0.05 EUR");
        assertThat(Explanations.money(Money.of(1500, "JPY"))).isEqualTo("1500 JPY");
    }

    @Test
    void reasonsReadAfterARefundFor() {
        assertThat(Explanations.reason(RefundReason.DISSATISFIED)).isEqualTo("dissatisfaction");
        assertThat(Explanations.reason(RefundReason.CHANGE_OF_MIND)).isEqualTo("a change of mind");
    }

    @Test
    void placeholdersAreFilledIn() {
        assertThat(Explanations.render("We refund {amount} ($1 fee: none).", Map.of("amount", "67.12 EUR")))
                .isEqualTo("We refund 67.12 EUR ($1 fee: none).");
        assertThat(Explanations.placeholders("{a} and {b}, {a}")).containsExactly("a", "b");
    }

    @Test
    void aPlaceholderWithoutAValueIsAnError() {
        assertThatThrownBy(() -> Explanations.render("We refund {amount}.", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{amount}");
    }
}
