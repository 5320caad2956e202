package dev.fairbill.refund.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;

/** Business-day arithmetic for review deadlines (docs/domain.md, money and time): UTC, Saturday and Sunday off. */
public final class BusinessDays {

    private BusinessDays() {
    }

    /**
     * The same time of day {@code days} business days after {@code from}: each day that is neither a Saturday, a
     * Sunday nor one of {@code holidays} counts one. From a Friday, one business day is the next Monday; from a
     * Saturday, too.
     */
    public static Instant add(Instant from, int days, Set<LocalDate> holidays) {
        if (days < 0) {
            throw new IllegalArgumentException("business days must not be negative: " + days);
        }
        ZonedDateTime at = from.atZone(ZoneOffset.UTC);
        int counted = 0;
        while (counted < days) {
            at = at.plusDays(1);
            if (isBusinessDay(at.toLocalDate(), holidays)) {
                counted++;
            }
        }
        return at.toInstant();
    }

    public static boolean isBusinessDay(LocalDate date, Set<LocalDate> holidays) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }
}
