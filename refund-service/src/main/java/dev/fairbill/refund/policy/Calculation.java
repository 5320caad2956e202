package dev.fairbill.refund.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The named calculations a clause may use: {@code amount} of an {@code APPROVED} clause, {@code calculation} of a
 * {@code REMEDY} clause. The arithmetic and its rounding live in {@link Calculations}; {@link #details()} are the
 * extra values an explanation may interpolate ({@code {daysUsed}}, …).
 */
public enum Calculation {
    FULL("full", Unit.MONEY, List.of()),
    DUPLICATE_ONLY("duplicate-only", Unit.MONEY, List.of("originalCharge")),
    PRORATA_DISCOUNT_PENALTY("prorata-discount-penalty", Unit.MONEY,
            List.of("daysUsed", "daysInPeriod", "listPrice", "usedValue", "paid")),
    UNDELIVERED_PART("undelivered-part", Unit.MONEY, List.of("ordered", "delivered", "undelivered", "paid")),
    PROPORTIONAL_SERVICE_CREDITS("proportional-service-credits", Unit.COUNT, List.of("outage", "includedCredits")),
    REFILL_QUANTITY("refill-quantity", Unit.COUNT, List.of("ordered", "currentCount"));

    /** {@code MONEY} gives an amount of money, {@code COUNT} a number of credits or units. */
    public enum Unit {
        MONEY,
        COUNT
    }

    private final String id;
    private final Unit unit;
    private final List<String> details;

    Calculation(String id, Unit unit, List<String> details) {
        this.id = id;
        this.unit = unit;
        this.details = details;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Unit unit() {
        return unit;
    }

    public List<String> details() {
        return details;
    }

    public static Optional<Calculation> byId(String id) {
        return Arrays.stream(values()).filter(calculation -> calculation.id.equals(id)).findFirst();
    }
}
