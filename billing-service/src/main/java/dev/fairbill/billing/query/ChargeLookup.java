package dev.fairbill.billing.query;

import java.util.Optional;

import dev.fairbill.platform.money.Money;

/** Finds charges in billing's read model, e.g. the charge a processor's webhook names by its own id. */
public interface ChargeLookup {

    Optional<ChargeSummary> byId(String tenant, String chargeId);

    Optional<ChargeSummary> byProcessorChargeId(String tenant, String processorChargeId);

    record ChargeSummary(String chargeId, String accountId, String tenant, Money amount, String processorChargeId) {
    }
}
