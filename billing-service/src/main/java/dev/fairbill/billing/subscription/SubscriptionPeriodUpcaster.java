package dev.fairbill.billing.subscription;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads the period events stored at revision 1, which listed a period's allowance, trial, price and charge field by
 * field, as revision 2, which keeps them as values: {@code PeriodAllowance}, {@code Trial}, {@code PeriodPrice},
 * {@code BillingPosition} and {@code PeriodCharge}.
 */
@Component
public class SubscriptionPeriodUpcaster extends NestingUpcaster {

    private static final List<String> ALLOWANCE = List.of("planId", "period", "includedCredits");
    private static final List<String> PRICE = List.of("listPrice", "price", "couponPercentOff", "chargeId");

    public SubscriptionPeriodUpcaster() {
        super(Map.of(
                "SubscriptionStarted", Map.of("allowance", ALLOWANCE, "trial", List.of("trialCredits", "trialEndsAt"),
                        "pricing", PRICE),
                "SubscriptionRenewed", Map.of("allowance", ALLOWANCE, "pricing", PRICE),
                "SubscriptionChargeRequested", Map.of(
                        "position", List.of("period", "billingAnchor", "periodNumber"),
                        "charge", List.of("chargeId", "amount", "attempt", "paymentMethod", "description"))),
                "1", "2", Map.of());
    }
}
