package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Business days skip Saturday, Sunday and the tenant's holidays, in UTC. */
class BusinessDaysTest {

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource({
            "2026-03-02T10:00:00Z, 5, 2026-03-09T10:00:00Z", // Monday → next Monday
            "2026-03-04T10:00:00Z, 3, 2026-03-09T10:00:00Z", // Wednesday → Monday
            "2026-03-06T10:00:00Z, 1, 2026-03-09T10:00:00Z", // Friday → Monday
            "2026-03-07T10:00:00Z, 1, 2026-03-09T10:00:00Z", // Saturday → Monday
            "2026-03-08T10:00:00Z, 1, 2026-03-09T10:00:00Z", // Sunday → Monday
            "2026-03-06T23:30:00Z, 1, 2026-03-09T23:30:00Z", // late Friday in UTC is still Friday
            "2026-03-02T10:00:00Z, 0, 2026-03-02T10:00:00Z"})
    void weekendsAreSkipped(Instant from, int days, Instant due) {
        assertThat(BusinessDays.add(from, days, Set.of())).isEqualTo(due);
    }

    @Test
    void holidaysAreSkippedToo() {
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"));

        // Thursday 24 Dec + 2: Friday 25 (holiday), Monday 28 (holiday), Tuesday 29, Wednesday 30
        assertThat(BusinessDays.add(Instant.parse("2026-12-24T09:00:00Z"), 2, holidays))
                .isEqualTo(Instant.parse("2026-12-30T09:00:00Z"));
    }

    @Test
    void aHolidayOnAWeekendChangesNothing() {
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2026-03-07"));

        assertThat(BusinessDays.add(Instant.parse("2026-03-06T10:00:00Z"), 1, holidays))
                .isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    }

    @Test
    void negativeDaysAreRefused() {
        assertThatThrownBy(() -> BusinessDays.add(Instant.EPOCH, -1, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
