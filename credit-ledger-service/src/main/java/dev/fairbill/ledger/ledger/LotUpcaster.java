package dev.fairbill.ledger.ledger;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads {@code LotGranted} and {@code LotRemoved} stored at revision 1, which listed the lot's amount (and a grant's
 * origin) field by field, as revision 2, which keeps them as a {@code LotAmount} and a {@code LotOrigin} value.
 */
@Component
public class LotUpcaster extends NestingUpcaster {

    private static final List<String> AMOUNT = List.of("lotId", "unit", "source", "amount");

    public LotUpcaster() {
        super(Map.of(
                "LotGranted", Map.of("lot", AMOUNT, "origin", List.of("reference", "chargeId", "subscriptionId")),
                "LotRemoved", Map.of("lot", AMOUNT)),
                "1", "2", Map.of());
    }
}
