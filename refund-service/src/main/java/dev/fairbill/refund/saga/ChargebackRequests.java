package dev.fairbill.refund.saga;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * What the chargeback saga asks of other services, as events on refund-service's own store: the Kafka publisher
 * delivers them (the event store is the outbox), and each receiver applies a request once.
 */
public final class ChargebackRequests {

    /** final-sale-reseller §9: a sub-reseller's allocations are frozen while its reseller's dispute is reviewed. */
    @StoredAs("refund.SubResellerFreezeRequested")
    @Revision("1")
    public record SubResellerFreezeRequested(String disputeId, String accountId, String tenant,
                                             Instant requestedAt) {
    }

    @StoredAs("refund.SubResellerUnfreezeRequested")
    @Revision("1")
    public record SubResellerUnfreezeRequested(String disputeId, String accountId, String tenant,
                                               Instant requestedAt) {
    }

    /** Saga 3: a lost dispute claws back the unconsumed credits the disputed charge bought. */
    @StoredAs("refund.CreditsClawbackRequested")
    @Revision("1")
    public record CreditsClawbackRequested(String disputeId, String chargeId, String accountId, String tenant,
                                           Instant requestedAt) {
    }

    /** The refund side of the evidence bundle, compiled before the processor's due date (final-sale-reseller §9). */
    @StoredAs("refund.DisputeEvidenceCompiled")
    @Revision("1")
    public record DisputeEvidenceCompiled(String disputeId, String chargeId, String accountId, String tenant,
                                          DisputeEvidence evidence, Instant compiledAt) {
    }

    /** A lost dispute: the amount stays with the customer (billing records it on the charge; counted here). */
    @StoredAs("refund.DisputeLossRecorded")
    @Revision("1")
    public record DisputeLossRecorded(String disputeId, String chargeId, String accountId, String tenant,
                                      Money amount, Instant recordedAt) {
    }

    /**
     * @param recommendation {@code CONTEST_REFUNDED} when the charge was already refunded (the refund is the
     *                       evidence: money never goes back twice), otherwise {@code CONTEST}
     */
    public record DisputeEvidence(String recommendation, List<Item> items) {

        public DisputeEvidence {
            items = List.copyOf(items);
        }
    }

    public record Item(Instant occurredAt, String kind, String reference, String summary) {
    }

    private ChargebackRequests() {
    }
}
