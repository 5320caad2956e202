package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A policy's named settings ({@code requestWindow: P7D}, {@code reviewSlaBusinessDays: 5}, …), typed: a value is a
 * {@link Duration}, a {@link Long}, a {@link Boolean} or a list of {@link LocalDate}s. Expressions see them as
 * {@code params.<name>}; a tenant may override a value with one of the same type.
 */
public record PolicyParameters(Map<String, Object> values) {

    public static final String REVIEW_SLA_BUSINESS_DAYS = "reviewSlaBusinessDays";
    public static final String HOLIDAYS = "holidays";
    public static final String REFILL_WINDOW = "refillWindow";

    private static final long SECONDS_PER_DAY = 86_400;

    public PolicyParameters {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, checked(name, value)));
        values = Collections.unmodifiableMap(copy);
    }

    public Optional<Duration> duration(String name) {
        return values.get(name) instanceof Duration duration ? Optional.of(duration) : Optional.empty();
    }

    public int reviewSlaBusinessDays() {
        return values.get(REVIEW_SLA_BUSINESS_DAYS) instanceof Long days ? Math.toIntExact(days) : 0;
    }

    public Set<LocalDate> holidays() {
        return values.get(HOLIDAYS) instanceof List<?> dates ? dates(dates) : Set.of();
    }

    /** These parameters with {@code name} set to {@code value}, which must have the type the policy gave it. */
    public PolicyParameters with(String name, Object value) {
        Object current = values.get(name);
        if (current == null) {
            throw new IllegalArgumentException("the policy has no parameter " + name);
        }
        Object replacement = value instanceof Integer number ? Long.valueOf(number) : value;
        if (!sameType(current, replacement)) {
            throw new IllegalArgumentException("parameter " + name + " must be " + typeName(current));
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, replacement);
        return new PolicyParameters(copy);
    }

    /** As written in a policy document: durations and dates in ISO-8601 ({@code P7D}, {@code PT24H}, {@code 2026-12-25}). */
    @JsonValue
    public Map<String, Object> asDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        values.forEach((name, value) -> document.put(name, switch (value) {
            case Duration duration -> iso(duration);
            case List<?> dates -> dates.stream().map(Object::toString).toList();
            default -> value;
        }));
        return document;
    }

    /** Whole days of two or more as {@code P7D}, anything else as {@link Duration#toString()} ({@code PT24H}). */
    static String iso(Duration duration) {
        OptionalLong days = wholeDays(duration);
        return days.isPresent() ? "P" + days.getAsLong() + "D" : duration.toString();
    }

    /** The number of days when the duration is two or more whole days: one day reads better as 24 hours. */
    static OptionalLong wholeDays(Duration duration) {
        long seconds = duration.getSeconds();
        boolean wholeDays = duration.getNano() == 0 && seconds % SECONDS_PER_DAY == 0 && seconds >= 2 * SECONDS_PER_DAY;
        return wholeDays ? OptionalLong.of(seconds / SECONDS_PER_DAY) : OptionalLong.empty();
    }

    static String typeName(Object value) {
        return switch (value) {
            case Duration ignored -> "an ISO-8601 duration such as P7D";
            case Long ignored -> "an integer";
            case Boolean ignored -> "true or false";
            default -> "a list of dates (yyyy-mm-dd)";
        };
    }

    private static boolean sameType(Object current, Object replacement) {
        return current instanceof List<?> ? replacement instanceof List<?> list && isDates(list)
                : current.getClass().equals(replacement.getClass());
    }

    private static Object checked(String name, Object value) {
        boolean supported = value instanceof Duration || value instanceof Long || value instanceof Boolean
                || value instanceof List<?> list && isDates(list);
        if (!supported) {
            throw new IllegalArgumentException("parameter " + name + " must be a duration, an integer, a boolean "
                    + "or a list of dates, not " + value);
        }
        return value instanceof List<?> list ? List.copyOf(list) : value;
    }

    private static boolean isDates(List<?> list) {
        return list.stream().allMatch(LocalDate.class::isInstance);
    }

    private static Set<LocalDate> dates(List<?> dates) {
        Set<LocalDate> holidays = new LinkedHashSet<>();
        dates.forEach(date -> holidays.add((LocalDate) date));
        return Collections.unmodifiableSet(holidays);
    }
}
