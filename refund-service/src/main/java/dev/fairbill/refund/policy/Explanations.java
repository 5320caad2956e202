package dev.fairbill.refund.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;

/**
 * Clause explanations are plain text with {@code {placeholders}}: {@code {reason}} and every parameter by name
 * ({@code {requestWindow}} → "7 days") always; {@code {amount}} where the clause gives money, {@code {credits}} where
 * it gives a count, and the values its calculation names ({@link Calculation#details()}). Money reads
 * {@code 67.12 EUR}; durations read "7 days", "24 hours", "26 hours 30 minutes".
 */
final class Explanations {

    static final String AMOUNT = "amount";
    static final String CREDITS = "credits";
    static final String REASON = "reason";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private Explanations() {
    }

    static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The placeholders a clause's explanation may use. */
    static Set<String> allowed(Clause clause, PolicyParameters parameters) {
        Set<String> allowed = new LinkedHashSet<>(parameters.values().keySet());
        allowed.add(REASON);
        Calculation gives = clause.gives();
        if (gives != null) {
            allowed.add(gives.unit() == Calculation.Unit.MONEY ? AMOUNT : CREDITS);
            allowed.addAll(gives.details());
        }
        return allowed;
    }

    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {" + matcher.group(1) + "} in: " + template);
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    /** The values every explanation may use: the reason and the effective parameters. */
    static Map<String, String> common(Situation situation) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(REASON, reason(situation.request().reason()));
        situation.parameters().values().forEach((name, value) -> values.put(name, switch (value) {
            case Duration duration -> duration(duration);
            case List<?> dates -> dates.isEmpty() ? "none" : String.join(", ", dates.stream().map(Object::toString).toList());
            default -> value.toString();
        }));
        return values;
    }

    /** The reason as it reads after "a refund for": "a change of mind", "dissatisfaction", … */
    static String reason(RefundReason reason) {
        return switch (reason) {
            case CHANGE_OF_MIND -> "a change of mind";
            case UNUSED_CREDITS -> "unused credits";
            case PARTIAL_USE -> "partial use";
            case DISSATISFIED -> "dissatisfaction";
            case DUPLICATE_CHARGE -> "a duplicate charge";
            case ADMIN_OVERCHARGE -> "an administrative overcharge";
            case NO_BENEFIT_DELIVERED -> "a purchase that delivered no benefit";
            case SERVICE_UNAVAILABLE -> "service unavailability";
            case FRAUDULENT_TRANSACTION -> "a fraudulent transaction";
            case TECHNICAL_ISSUE -> "a technical issue";
            case FAILED_ACTIVATION -> "a failed activation";
            case WRONG_RENEWAL -> "a renewal applied to the wrong device or plan";
            case NEVER_STARTED -> "an order that never started";
            case DELIVERY_STALLED -> "a stalled delivery";
            case PARTIAL_DELIVERY -> "a partial delivery";
            case WRONG_SERVICE -> "the wrong service";
            case COUNT_DROPPED -> "a dropped count";
            case COOLING_OFF -> "cooling off";
        };
    }

    static String money(Money money) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        return BigDecimal.valueOf(money.amount(), digits).toPlainString() + " " + money.currency().getCurrencyCode();
    }

    /** Two or more whole days as days, anything else in hours, minutes and seconds. */
    static String duration(Duration duration) {
        OptionalLong days = PolicyParameters.wholeDays(duration);
        if (days.isPresent()) {
            return days.getAsLong() + " days";
        }
        long seconds = duration.getSeconds();
        List<String> parts = new ArrayList<>();
        add(parts, seconds / 3600, "hour");
        add(parts, seconds % 3600 / 60, "minute");
        add(parts, seconds % 60, "second");
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long count, String unit) {
        if (count > 0) {
            parts.add(count + " " + unit + (count == 1 ? "" : "s"));
        }
    }
}
