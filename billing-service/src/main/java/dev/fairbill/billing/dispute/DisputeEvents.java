package dev.fairbill.billing.dispute;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/** The Dispute aggregate's events. */
public final class DisputeEvents {

    /**
     * The processor reported a dispute. Revision 2 keeps what is disputed as one value; revision 1 listed its fields
     * one by one, and {@link DisputeUpcaster} nests them.
     */
    @StoredAs("billing.DisputeOpened")
    @Revision("2")
    public record DisputeOpened(DisputeId disputeId, String tenant, String processor, String processorDisputeId,
                                ChargeId chargeId, AccountId accountId, DisputeTerms terms, Instant openedAt) {

        public Money amount() {
            return terms.amount();
        }

        public String reason() {
            return terms.reason();
        }

        public Instant dueBy() {
            return terms.dueBy();
        }
    }

    /**
     * What is disputed, as the processor reports it.
     *
     * @param reason the processor's reason, e.g. {@code fraudulent}
     * @param dueBy  when evidence is due, if the processor says
     */
    public record DisputeTerms(Money amount, String reason, Instant dueBy) {
    }

    @StoredAs("billing.DisputeUpdated")
    @Revision("1")
    public record DisputeUpdated(DisputeId disputeId, ChargeId chargeId, AccountId accountId, Money amount,
                                 String reason, Instant dueBy, Instant updatedAt) {
    }

    @StoredAs("billing.DisputeFundsWithdrawn")
    @Revision("1")
    public record DisputeFundsWithdrawn(DisputeId disputeId, ChargeId chargeId, AccountId accountId, Money amount,
                                        Instant withdrawnAt) {
    }

    @StoredAs("billing.DisputeFundsReinstated")
    @Revision("1")
    public record DisputeFundsReinstated(DisputeId disputeId, ChargeId chargeId, AccountId accountId, Money amount,
                                         Instant reinstatedAt) {
    }

    @StoredAs("billing.DisputeClosed")
    @Revision("1")
    public record DisputeClosed(DisputeId disputeId, String tenant, ChargeId chargeId, AccountId accountId,
                                DisputeOutcome outcome, Money amount, Instant closedAt) {
    }

    /**
     * The refund side of the evidence bundle, compiled by refund-service's chargeback saga (ADR 0015); a later
     * compilation replaces an earlier one.
     *
     * @param recommendation {@code CONTEST_REFUNDED} when the charge was already refunded, else {@code CONTEST}
     */
    @StoredAs("billing.DisputeEvidenceAttached")
    @Revision("1")
    public record DisputeEvidenceAttached(DisputeId disputeId, ChargeId chargeId, AccountId accountId,
                                          String recommendation, List<EvidenceItem> items, Instant compiledAt) {

        public DisputeEvidenceAttached {
            items = List.copyOf(items);
        }
    }

    /**
     * The dispute's evidence went to the processor, or is ready for an operator, or the processor refused it.
     *
     * @param detail the processor's refusal code, or why an operator sends it; {@code null} when submitted
     */
    @StoredAs("billing.DisputeEvidenceSubmitted")
    @Revision("1")
    public record DisputeEvidenceSubmitted(DisputeId disputeId, ChargeId chargeId, AccountId accountId,
                                           EvidenceSubmission submission, String detail, Instant at) {
    }

    /** One fact of the refund side: a refund, a refund case, a support note, credit usage, a period, a purchase. */
    public record EvidenceItem(Instant occurredAt, String kind, String reference, String summary) {
    }

    private DisputeEvents() {
    }
}
