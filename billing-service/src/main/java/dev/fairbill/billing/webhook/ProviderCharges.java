package dev.fairbill.billing.webhook;

import java.util.Optional;
import java.util.stream.Stream;

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
    Charge byProcessorChargeId(String tenant, String... processorChargeIds) {
        return find(tenant, processorChargeIds).orElseThrow(() -> new IllegalStateException("no charge of tenant "
                + tenant + " with processor charge id " + String.join(" or ", Stream.of(processorChargeIds)
                .filter(id -> id != null && !id.isBlank()).toList())));
    }

    /**
     * The charge under the first of the ids the processor knows it by that Fairbill has: Stripe names a charge by its
     * PaymentIntent (Fairbill's processor charge id for charges it made through Stripe) and by its Charge object.
     */
    Optional<Charge> find(String tenant, String... processorChargeIds) {
        return Stream.of(processorChargeIds).filter(id -> id != null && !id.isBlank())
                .map(id -> charges.byProcessorChargeId(tenant, id)).flatMap(Optional::stream).findFirst()
                .map(found -> new Charge(ChargeId.of(found.chargeId()), AccountId.of(found.accountId())));
    }

    /** The charge of {@code tenant} under our own id, as a processor's reference names it. */
    Optional<Charge> ours(String tenant, String chargeId) {
        return chargeId == null || chargeId.isBlank() ? Optional.empty() : charges.byId(tenant, chargeId)
                .map(found -> new Charge(ChargeId.of(found.chargeId()), AccountId.of(found.accountId())));
    }

    record Charge(ChargeId chargeId, AccountId accountId) {
    }
}
