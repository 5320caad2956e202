package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Which refund policy each tenant runs ({@code fairbill.refunds.tenants.<tenant>}): a template id and overrides of
 * its parameters. Bound and validated at startup; an unknown template, or an override of a parameter the template
 * does not have, stops the service (see {@link TenantPolicies}).
 */
@Validated
@ConfigurationProperties("fairbill.refunds")
public record RefundPolicyProperties(@NotEmpty Map<String, @Valid @NotNull TenantRefunds> tenants) {

    /**
     * @param template              a {@link PolicyCatalog} id, e.g. {@code exceptions-within-7-days}
     * @param reviewSlaBusinessDays overrides {@code reviewSlaBusinessDays}
     * @param requestWindow         overrides {@code requestWindow} (exceptions-within-7-days: P7D)
     * @param longOutage            overrides {@code longOutage} (exceptions-within-7-days: PT24H)
     * @param coolingOff            overrides {@code coolingOff} (cooling-off-prorata: P7D)
     * @param refillWindow          overrides {@code refillWindow}, used for products that state none (refill-or-refund)
     * @param holidays              replace {@code holidays}: dates (yyyy-mm-dd) review deadlines skip
     */
    public record TenantRefunds(@NotBlank String template, @Positive Integer reviewSlaBusinessDays,
                                Duration requestWindow, Duration longOutage, Duration coolingOff,
                                Duration refillWindow, List<@NotNull LocalDate> holidays) {

        @AssertTrue(message = "request-window, long-outage, cooling-off and refill-window must be positive")
        public boolean isEveryDurationPositive() {
            return Stream.of(requestWindow, longOutage, coolingOff, refillWindow)
                    .allMatch(duration -> duration == null || duration.isPositive());
        }

        /** The settings given, by the policy parameter they override. */
        Map<String, Object> overrides() {
            Map<String, Object> overrides = new LinkedHashMap<>();
            put(overrides, PolicyParameters.REVIEW_SLA_BUSINESS_DAYS,
                    reviewSlaBusinessDays == null ? null : reviewSlaBusinessDays.longValue());
            put(overrides, "requestWindow", requestWindow);
            put(overrides, "longOutage", longOutage);
            put(overrides, "coolingOff", coolingOff);
            put(overrides, PolicyParameters.REFILL_WINDOW, refillWindow);
            put(overrides, PolicyParameters.HOLIDAYS, holidays);
            return overrides;
        }

        private static void put(Map<String, Object> overrides, String parameter, Object value) {
            if (value != null) {
                overrides.put(parameter, value);
            }
        }
    }
}
