package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fairbill.refund.policy.RefundFacts.IncidentFacts;

class OutagesTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofDays(10));

    @Test
    void noIncidentsIsNoOutage() {
        assertThat(Outages.within(FROM, TO, List.of())).isEqualTo(new Outages(0, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void overlappingIncidentsCountOnceInTheTotalAndSeparatelyForTheLongest() {
        Outages outages = Outages.within(FROM, TO, List.of(incident(2, 12), incident(8, 12), incident(50, 1)));

        assertThat(outages).isEqualTo(new Outages(3, hours(12), hours(19)));
    }

    @Test
    void onlyTimeInsideTheWindowCounts() {
        Outages outages = Outages.within(FROM, TO, List.of(incident(-5, 8), incident(-30, 2), incident(239, 5)));

        assertThat(outages).isEqualTo(new Outages(2, hours(3), hours(4)));
    }

    @Test
    void anIncidentWithoutAnEndLastsUntilTheWindowEnds() {
        IncidentFacts ongoing = new IncidentFacts("inc_1", TO.minus(hours(30)), null, "ALL");

        assertThat(Outages.within(FROM, TO, List.of(ongoing))).isEqualTo(new Outages(1, hours(30), hours(30)));
    }

    private static IncidentFacts incident(long startHour, long lengthHours) {
        Instant start = FROM.plus(hours(startHour));
        return new IncidentFacts("inc_" + startHour, start, start.plus(hours(lengthHours)), "ALL");
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}
