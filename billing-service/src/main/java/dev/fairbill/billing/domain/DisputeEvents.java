package dev.fairbill.billing.domain;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.money.Money;

/** The Dispute aggregate's events. */
public final class DisputeEvents {

    @Revision("1")
    public record DisputeOpened(DisputeId disputeId, String tenant, String processor, String processorDisputeId,
                                ChargeId chargeId, AccountId accountId, Money amount, String reason, Instant dueBy,
                                Instant openedAt) {
    }

    @Revision("1")
    public record DisputeUpdated(DisputeId disputeId, ChargeId chargeId, AccountId accountId, Money amount,
                                 String reason, Instant dueBy, Instant updatedAt) {
    }

    @Revision("1")
    public record DisputeFundsWithdrawn(DisputeId disputeId, ChargeId chargeId, AccountId accountId, Money amount,
                                        Instant withdrawnAt) {
    }

    @Revision("1")
    public record DisputeFundsReinstated(DisputeId disputeId, ChargeId chargeId, AccountId accountId, Money amount,
                                         Instant reinstatedAt) {
    }

    @Revision("1")
    public record DisputeClosed(DisputeId disputeId, String tenant, ChargeId chargeId, AccountId accountId,
                                DisputeOutcome outcome, Money amount, Instant closedAt) {
    }

    private DisputeEvents() {
    }
}
