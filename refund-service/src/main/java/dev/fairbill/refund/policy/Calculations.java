package dev.fairbill.refund.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.RefundFacts.ChargeFacts;
import dev.fairbill.refund.policy.RefundFacts.PurchaseFacts;
import dev.fairbill.refund.policy.RefundFacts.SubscriptionFacts;

/**
 * The arithmetic behind each {@link Calculation}, in integer minor units (or credits) with the rounding named on
 * each method. Money results are not capped here: the engine caps every amount at what the charge still has
 * refundable and never below zero.
 */
final class Calculations {

    private static final long SECONDS_PER_DAY = 86_400;

    private Calculations() {
    }

    /** A calculation's result: money or a count, plus the values an explanation may show. */
    record Result(Money money, long count, Map<String, String> details) {

        static Result money(Money money, Map<String, String> details) {
            return new Result(money, 0, details);
        }

        static Result count(long count, Map<String, String> details) {
            return new Result(null, count, details);
        }
    }

    /** The calculation for this situation, or empty when the facts it needs are missing. */
    static Optional<Result> compute(Calculation calculation, Situation situation) {
        return switch (calculation) {
            case FULL -> situation.charge().map(charge -> Result.money(charge.refundable(), Map.of()));
            case DUPLICATE_ONLY -> situation.charge().map(Calculations::duplicateOnly);
            case PRORATA_DISCOUNT_PENALTY -> situation.subscription()
                    .filter(subscription -> subscription.listPrice() != null)
                    .flatMap(subscription -> paid(subscription, situation)
                            .map(paid -> proRata(subscription, paid, situation.now())))
                    .map(owed -> lessRefundedBefore(owed, situation));
            case UNDELIVERED_PART -> situation.purchase().map(Calculations::undeliveredPart)
                    .map(owed -> lessRefundedBefore(owed, situation));
            case PROPORTIONAL_SERVICE_CREDITS -> situation.subscription()
                    .map(subscription -> serviceCredits(subscription, situation.outages().total()));
            case REFILL_QUANTITY -> situation.purchase().map(Calculations::refill);
        };
    }

    /** Days used: the time since the period started, rounded up to whole days ({@code 99.5} days → {@code 100}). */
    static long daysUsed(Duration sincePeriodStart) {
        if (!sincePeriodStart.isPositive()) {
            return 0;
        }
        long seconds = sincePeriodStart.getSeconds() + (sincePeriodStart.getNano() > 0 ? 1 : 0);
        return Math.ceilDiv(seconds, SECONDS_PER_DAY);
    }

    /** Whole days from period start to period end (UTC, so always 24-hour days). */
    static long daysInPeriod(Instant periodStart, Instant periodEnd) {
        return Duration.between(periodStart, periodEnd).getSeconds() / SECONDS_PER_DAY;
    }

    /**
     * cooling-off-prorata: {@code max(0, paid − round-half-even(listPrice × daysUsed ÷ daysInPeriod))}, days used
     * capped at the
     * period. Charging the used days at the undiscounted list price deducts the coupon or annual-prepay discount as
     * the penalty.
     */
    static Money proRataRefund(Money paid, Money listPrice, long daysUsed, long daysInPeriod) {
        Money usedValue = usedValue(listPrice, daysUsed, daysInPeriod);
        Money refund = paid.minus(usedValue);
        return refund.isNegative() ? Money.zero(paid.currency()) : refund;
    }

    /** {@code round-half-even(listPrice × min(daysUsed, daysInPeriod) ÷ daysInPeriod)}. */
    static Money usedValue(Money listPrice, long daysUsed, long daysInPeriod) {
        if (daysInPeriod <= 0) {
            return listPrice;
        }
        long days = Math.min(daysUsed, daysInPeriod);
        return new Money(divide(listPrice.amount(), days, daysInPeriod, RoundingMode.HALF_EVEN), listPrice.currency());
    }

    /** {@code round-half-even(paid × (ordered − delivered) ÷ ordered)}; nothing when all (or more) was delivered. */
    static Money undeliveredPart(Money paid, long ordered, long delivered) {
        long undelivered = Math.max(0, ordered - Math.max(0, delivered));
        if (ordered <= 0 || undelivered == 0) {
            return Money.zero(paid.currency());
        }
        return new Money(divide(paid.amount(), undelivered, ordered, RoundingMode.HALF_EVEN), paid.currency());
    }

    /**
     * final-sale-duplicates-refunded §4.2: {@code round-half-up(includedCredits × outageSeconds ÷ periodSeconds)}, at
     * least 1 when there
     * was any outage (a recorded outage is always compensated), 0 without one.
     */
    static long proportionalServiceCredits(long includedCredits, Duration outage, Duration period) {
        if (!outage.isPositive()) {
            return 0;
        }
        long periodSeconds = Math.max(1, period.getSeconds());
        long outageSeconds = Math.min(outage.getSeconds(), periodSeconds);
        return Math.max(1, divide(includedCredits, outageSeconds, periodSeconds, RoundingMode.HALF_UP));
    }

    /** refill-or-refund: what dropped below the ordered quantity, {@code ordered − currentCount}, never negative. */
    static long refillQuantity(long ordered, long currentCount) {
        return Math.max(0, ordered - currentCount);
    }

    private static Result duplicateOnly(ChargeFacts charge) {
        return Result.money(charge.amount(), Map.of("originalCharge", Objects.toString(charge.duplicateOf(), "the original")));
    }

    /**
     * What a calculation says is owed for a charge in all counts what was refunded for it before: a second request
     * gets only the difference, not the whole amount again.
     */
    private static Result lessRefundedBefore(Result owed, Situation situation) {
        Money refunded = situation.charge().map(ChargeFacts::refunded).orElse(null);
        if (refunded == null || !refunded.isPositive()) {
            return owed;
        }
        Map<String, String> details = new LinkedHashMap<>(owed.details());
        details.put("alreadyRefunded", Explanations.money(refunded));
        return Result.money(owed.money().minus(refunded), details);
    }

    /** What the current period was charged, or else the charge's amount. */
    private static Optional<Money> paid(SubscriptionFacts subscription, Situation situation) {
        return Optional.ofNullable(subscription.pricePaid()).or(() -> situation.charge().map(ChargeFacts::amount));
    }

    private static Result proRata(SubscriptionFacts subscription, Money paid, Instant now) {
        long daysUsed = daysUsed(Duration.between(subscription.periodStart(), now));
        long daysInPeriod = daysInPeriod(subscription.periodStart(), subscription.periodEnd());
        Money usedValue = usedValue(subscription.listPrice(), daysUsed, daysInPeriod);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("daysUsed", String.valueOf(Math.min(daysUsed, daysInPeriod)));
        details.put("daysInPeriod", String.valueOf(daysInPeriod));
        details.put("listPrice", Explanations.money(subscription.listPrice()));
        details.put("usedValue", Explanations.money(usedValue));
        details.put("paid", Explanations.money(paid));
        return Result.money(proRataRefund(paid, subscription.listPrice(), daysUsed, daysInPeriod), details);
    }

    private static Result undeliveredPart(PurchaseFacts purchase) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ordered", String.valueOf(purchase.ordered()));
        details.put("delivered", String.valueOf(purchase.delivered()));
        details.put("undelivered", String.valueOf(Math.max(0, purchase.ordered() - purchase.delivered())));
        details.put("paid", Explanations.money(purchase.amount()));
        return Result.money(undeliveredPart(purchase.amount(), purchase.ordered(), purchase.delivered()), details);
    }

    private static Result serviceCredits(SubscriptionFacts subscription, Duration outage) {
        Duration period = Duration.between(subscription.periodStart(), subscription.periodEnd());
        long credits = proportionalServiceCredits(subscription.includedCredits(), outage, period);
        return Result.count(credits, Map.of("outage", Explanations.duration(outage),
                "includedCredits", String.valueOf(subscription.includedCredits())));
    }

    private static Result refill(PurchaseFacts purchase) {
        return Result.count(refillQuantity(purchase.ordered(), purchase.currentCount()),
                Map.of("ordered", String.valueOf(purchase.ordered()),
                        "currentCount", String.valueOf(purchase.currentCount())));
    }

    private static long divide(long amount, long numerator, long denominator, RoundingMode rounding) {
        return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, rounding).longValueExact();
    }
}
