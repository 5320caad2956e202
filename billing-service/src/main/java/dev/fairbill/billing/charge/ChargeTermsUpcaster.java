package dev.fairbill.billing.charge;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads {@code ChargeCaptured}, {@code ChargeFailed} and {@code ChargeAwaitingBalance} stored at revision 1, which
 * listed the charge's terms field by field, as revision 2, which keeps them as one {@link ChargeTerms} value. A
 * failure stored at revision 1 had no {@code intentional}; it reads as false.
 */
@Component
public class ChargeTermsUpcaster extends NestingUpcaster {

    public ChargeTermsUpcaster() {
        super(List.of("ChargeCaptured", "ChargeFailed", "ChargeAwaitingBalance"), "1", "2",
                Map.of("terms", List.of("chargeId", "accountId", "tenant", "amount", "description", "subscriptionId",
                        "billingPeriodStart", "purchaseId", "paymentMethod", "intentional")),
                Map.of("intentional", false));
    }
}
