package dev.fairbill.billing.charge;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads the charge events stored at revision 1, which listed their values field by field, as revision 2, which keeps
 * them as values: {@code ChargeCaptured}, {@code ChargeFailed} and {@code ChargeAwaitingBalance} the charge's terms as
 * one {@link ChargeTerms}, {@code ChargeRefunded} its amounts as one {@code RefundedAmounts}. A failure stored at
 * revision 1 had no {@code intentional}; it reads as false.
 */
@Component
public class ChargeUpcaster extends NestingUpcaster {

    private static final Map<String, List<String>> TERMS = Map.of("terms", List.of("chargeId", "accountId", "tenant",
            "amount", "description", "subscriptionId", "billingPeriodStart", "purchaseId", "paymentMethod",
            "intentional"));

    public ChargeUpcaster() {
        super(Map.of("ChargeCaptured", TERMS, "ChargeFailed", TERMS, "ChargeAwaitingBalance", TERMS,
                        "ChargeRefunded", Map.of("amounts", List.of("amount", "toBalance", "amountRefunded"))),
                "1", "2", Map.of("intentional", false));
    }
}
