package dev.fairbill.billing.subscription;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads {@code SubscriptionCreated} stored at revision 1, which listed what the subscription was sold as and where it
 * stood in its schedule field by field, as revision 2, which keeps them as a {@code SubscriptionTerms} and a
 * {@code BillingPosition} value.
 */
@Component
public class SubscriptionTermsUpcaster extends NestingUpcaster {

    public SubscriptionTermsUpcaster() {
        super(List.of("SubscriptionCreated"), "1", "2",
                Map.of("terms", List.of("plan", "price", "couponPercentOff", "paymentMethod"),
                        "position", List.of("period", "billingAnchor", "periodNumber")),
                Map.of());
    }
}
