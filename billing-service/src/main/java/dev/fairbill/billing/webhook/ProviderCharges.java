package dev.fairbill.billing.webhook;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.query.ChargeLookup;

/** The charge a processor's webhook names by the processor's own charge id. */
@Component
class ProviderCharges {

    private final ChargeLookup charges;

    ProviderCharges(ChargeLookup charges) {
        this.charges = charges;
    }

    /**
     * Fails while the charge is unknown, so the delivery stays unprocessed and is tried again: a processor may report a
     * dispute before our record of the capture is readable.
     */
    Charge byProcessorChargeId(String tenant, String processorChargeId) {
        return charges.byProcessorChargeId(tenant, processorChargeId)
                .map(found -> new Charge(ChargeId.of(found.chargeId()), AccountId.of(found.accountId())))
                .orElseThrow(() -> new IllegalStateException("no charge of tenant " + tenant
                        + " with processor charge id " + processorChargeId));
    }

    record Charge(ChargeId chargeId, AccountId accountId) {
    }
}
