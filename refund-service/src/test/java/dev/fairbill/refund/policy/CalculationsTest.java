package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Given.eur;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The named calculations, with worked examples (docs/domain.md, money and time: half-even unless a seed says else). */
class CalculationsTest {

    @ParameterizedTest(name = "cooling-off-prorata: {0} s since the period start → {1} days used (rounded up)")
    @CsvSource({"0, 0", "1, 1", "86400, 1", "86401, 2", "8596800, 100", "8553600, 99"})
    void daysUsedRoundUpToWholeDays(long seconds, long days) {
        assertThat(Calculations.daysUsed(Duration.ofSeconds(seconds))).isEqualTo(days);
    }

    @Test
    void aNanosecondIntoTheNextDayCountsThatDay() {
        assertThat(Calculations.daysUsed(Duration.ofDays(1).plusNanos(1))).isEqualTo(2);
    }

    @ParameterizedTest(name = "a period from {0} to {1} has {2} days")
    @CsvSource({"2026-03-02T10:00:00Z, 2026-04-02T10:00:00Z, 31", "2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z, 28",
            "2026-03-02T10:00:00Z, 2027-03-02T10:00:00Z, 365", "2028-01-15T00:00:00Z, 2029-01-15T00:00:00Z, 366"})
    void daysInPeriodAreWholeUtcDays(Instant start, Instant end, long days) {
        assertThat(Calculations.daysInPeriod(start, end)).isEqualTo(days);
    }

    @Test
    void yearlyPlanCancelledAfter99AndAHalfDays() {
        long daysUsed = Calculations.daysUsed(Duration.ofHours(99 * 24 + 12));

        // 12000 × 100 ÷ 365 = 3287.67 → 3288; 10000 − 3288 = 6712
        assertThat(daysUsed).isEqualTo(100);
        assertThat(Calculations.usedValue(eur(12000), daysUsed, 365)).isEqualTo(eur(3288));
        assertThat(Calculations.proRataRefund(eur(10000), eur(12000), daysUsed, 365)).isEqualTo(eur(6712));
    }

    @Test
    void monthlyPlanWithA20PercentCouponPaysThePenaltyOnTheUsedDays() {
        // paid 800 of a 1000 list price; 11 of 30 days: 1000 × 11 ÷ 30 = 366.67 → 367; 800 − 367 = 433
        assertThat(Calculations.proRataRefund(eur(800), eur(1000), 11, 30)).isEqualTo(eur(433));
    }

    @ParameterizedTest(name = "list {0} × {1} ÷ {2} rounds half-even to {3}")
    @CsvSource({"15, 1, 30, 0", "45, 1, 30, 2", "75, 1, 30, 2", "1001, 1, 2, 500", "1003, 1, 2, 502"})
    void usedValueRoundsHalfEven(long listPrice, long days, long daysInPeriod, long used) {
        assertThat(Calculations.usedValue(eur(listPrice), days, daysInPeriod)).isEqualTo(eur(used));
    }

    @Test
    void proRataRefundIsFlooredAtZero() {
        // a coupon of 20 % used for the whole month: 800 − 1000 < 0 → 0
        assertThat(Calculations.proRataRefund(eur(800), eur(1000), 30, 30)).isEqualTo(eur(0));
    }

    @Test
    void daysUsedBeyondThePeriodCountAsTheWholePeriod() {
        assertThat(Calculations.usedValue(eur(1000), 40, 31)).isEqualTo(eur(1000));
    }

    @Test
    void nothingUsedRefundsAllThatWasPaid() {
        assertThat(Calculations.proRataRefund(eur(10000), eur(12000), 0, 365)).isEqualTo(eur(10000));
    }

    @ParameterizedTest(name = "refill-or-refund: paid {0}, {2} of {1} delivered → undelivered part {3}")
    @CsvSource({"2000, 2000, 1234, 766", "2000, 2000, 0, 2000", "2000, 2000, 2000, 0", "2000, 2000, 2100, 0",
            "999, 2000, 1000, 500", "997, 2000, 1000, 498", "1000, 3, 1, 667", "1000, 0, 0, 0"})
    void undeliveredPartRoundsHalfEven(long paid, long ordered, long delivered, long refund) {
        assertThat(Calculations.undeliveredPart(eur(paid), ordered, delivered)).isEqualTo(eur(refund));
    }

    @ParameterizedTest(name = "final-sale-duplicates-refunded §4.2: {0} credits, {1} s outage in a {2} s period → {3} credits")
    @CsvSource({"100, 43200, 2678400, 2", "100, 66960, 2678400, 3", "100, 60, 2678400, 1", "1200, 86400, 31536000, 3",
            "100, 0, 2678400, 0", "100, 5356800, 2678400, 100", "0, 3600, 2678400, 1"})
    void serviceCreditsAreProportionalRoundedHalfUpAndAtLeastOne(long included, long outage, long period,
            long credits) {
        assertThat(Calculations.proportionalServiceCredits(included, Duration.ofSeconds(outage),
                Duration.ofSeconds(period))).isEqualTo(credits);
    }

    @ParameterizedTest(name = "refill-or-refund: {0} ordered, {1} now → refill {2}")
    @CsvSource({"2000, 1600, 400", "2000, 2000, 0", "2000, 2100, 0", "2000, 0, 2000"})
    void refillIsWhatDroppedBelowTheOrderedQuantity(long ordered, long current, long refill) {
        assertThat(Calculations.refillQuantity(ordered, current)).isEqualTo(refill);
    }
}
