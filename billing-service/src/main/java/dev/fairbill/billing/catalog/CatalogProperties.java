package dev.fairbill.billing.catalog;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.fairbill.billing.subscription.PlanInterval;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The plans and products each tenant sells ({@code fairbill.catalog.tenants.<tenant>}). Bound and validated at
 * startup: a catalog that breaks a rule below stops the service with the offending property named.
 */
@Validated
@ConfigurationProperties("fairbill.catalog")
public record CatalogProperties(@NotEmpty Map<String, @Valid @NotNull TenantCatalog> tenants) {

    public record TenantCatalog(@DefaultValue List<@Valid @NotNull PlanSpec> plans,
                                @DefaultValue List<@Valid @NotNull ProductSpec> products) {
    }

    /** @param listPrice the undiscounted price of one period; defaults to {@code price} */
    public record PlanSpec(@NotBlank @Pattern(regexp = ID) String id, @NotBlank String name,
                           @Positive long price, @Positive Long listPrice, @NotNull Currency currency,
                           @NotNull PlanInterval interval, @PositiveOrZero long includedCredits,
                           @PositiveOrZero int trialDays, @PositiveOrZero long trialCredits) {

        @AssertTrue(message = "list-price must not be below price")
        public boolean isListPriceAtLeastPrice() {
            return listPrice == null || listPrice >= price;
        }

        @AssertTrue(message = "trial-credits need trial-days")
        public boolean isTrialCreditsOnlyWithATrial() {
            return trialCredits == 0 || trialDays > 0;
        }
    }

    /**
     * @param credits         purchased credits a credit pack grants
     * @param quantity        units a delivery order delivers
     * @param refillWindow    how long after completion a delivery order is refilled (refill-or-refund)
     * @param maxDeliveryTime when an unfinished delivery order counts as stalled (refill-or-refund)
     */
    public record ProductSpec(@NotBlank @Pattern(regexp = ID) String id, @NotBlank String name,
                              @NotNull ProductKind kind, @Positive long price, @NotNull Currency currency,
                              @PositiveOrZero long credits, @PositiveOrZero long quantity, Duration refillWindow,
                              Duration maxDeliveryTime) {

        @AssertTrue(message = "a CREDIT_PACK needs credits > 0")
        public boolean isCreditPackWithCredits() {
            return kind != ProductKind.CREDIT_PACK || credits > 0;
        }

        @AssertTrue(message = "a DELIVERY_ORDER needs quantity > 0, a positive refill-window and max-delivery-time")
        public boolean isDeliveryOrderComplete() {
            return kind != ProductKind.DELIVERY_ORDER || quantity > 0 && positive(refillWindow)
                    && positive(maxDeliveryTime);
        }

        private static boolean positive(Duration duration) {
            return duration != null && duration.isPositive();
        }
    }

    private static final String ID = "[a-z0-9][a-z0-9-]{0,63}";
}
