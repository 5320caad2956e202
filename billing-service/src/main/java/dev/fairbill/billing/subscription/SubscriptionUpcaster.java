package dev.fairbill.billing.subscription;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads the subscription events stored at revision 1, which listed their values field by field, as revision 2, which
 * keeps them as values: what a subscription was sold as ({@code SubscriptionTerms}), where it stands in its schedule
 * ({@code BillingPosition}), a period's allowance, trial, price and charge ({@code PeriodAllowance}, {@code Trial},
 * {@code PeriodPrice}, {@code PeriodCharge}) and what a cancellation asked for ({@code CancellationRequest}).
 */
@Component
public class SubscriptionUpcaster extends NestingUpcaster {

    private static final List<String> ALLOWANCE = List.of("planId", "period", "includedCredits");
    private static final List<String> PRICE = List.of("listPrice", "price", "couponPercentOff", "chargeId");
    private static final List<String> POSITION = List.of("period", "billingAnchor", "periodNumber");
    private static final List<String> CANCELLATION = List.of("reason", "refundRequested", "refundReason",
            "refundCaseId");

    public SubscriptionUpcaster() {
        super(Map.of(
                "SubscriptionCreated", Map.of("terms", List.of("plan", "price", "couponPercentOff", "paymentMethod"),
                        "position", POSITION),
                "SubscriptionStarted", Map.of("allowance", ALLOWANCE, "trial", List.of("trialCredits", "trialEndsAt"),
                        "pricing", PRICE),
                "SubscriptionRenewed", Map.of("allowance", ALLOWANCE, "pricing", PRICE),
                "SubscriptionChargeRequested", Map.of("position", POSITION,
                        "charge", List.of("chargeId", "amount", "attempt", "paymentMethod", "description")),
                "SubscriptionCancellationScheduled", Map.of("request", CANCELLATION),
                "SubscriptionCancelled", Map.of("request", CANCELLATION)),
                "1", "2", Map.of("refundRequested", false));
    }
}
