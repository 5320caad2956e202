package dev.fairbill.ledger.ledger;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads the ledger events stored at revision 1, which listed their values field by field, as revision 2, which keeps
 * them as values: {@code LotGranted} and {@code LotRemoved} the lot's amount (and a grant's origin) as a
 * {@code LotAmount} (and a {@code LotOrigin}), {@code CreditsConsumed} how it was covered as a {@code Coverage}.
 */
@Component
public class LedgerUpcaster extends NestingUpcaster {

    private static final List<String> AMOUNT = List.of("lotId", "unit", "source", "amount");

    public LedgerUpcaster() {
        super(Map.of(
                "LotGranted", Map.of("lot", AMOUNT, "origin", List.of("reference", "chargeId", "subscriptionId")),
                "LotRemoved", Map.of("lot", AMOUNT),
                "CreditsConsumed", Map.of("coverage", List.of("allocations", "overdrawn", "balanceAfter"))),
                "1", "2", Map.of());
    }
}
