package dev.fairbill.billing.domain;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.platform.money.Money;

/** The commands the Charge aggregate accepts; other aggregates' processes charge and dispute through these. */
public final class ChargeCommands {

    /**
     * Charges the account through the payment processor. Exactly one of {@code subscriptionId}
     * (with {@code billingPeriodStart}) and {@code purchaseId} may be set, or neither for an ad-hoc charge.
     *
     * @param intentional the client marked a repeat of the same amount and description as deliberate, so it is not
     *                    a duplicate (DOMAIN.md, duplicate charge)
     */
    public record CaptureCharge(@TargetAggregateIdentifier ChargeId chargeId, AccountId accountId, String tenant,
                                Money amount, String description, SubscriptionId subscriptionId,
                                Instant billingPeriodStart, PurchaseId purchaseId, String paymentMethod,
                                boolean intentional) {
    }

    /** A dispute was opened on (or updated for) this charge; {@code amount} is the disputed amount. */
    public record RecordChargeDispute(@TargetAggregateIdentifier ChargeId chargeId, DisputeId disputeId,
                                      Money amount, String reason) {
    }

    /** The dispute on this charge closed; a lost dispute keeps {@code lostAmount} with the customer. */
    public record RecordChargeDisputeClosed(@TargetAggregateIdentifier ChargeId chargeId, DisputeId disputeId,
                                            boolean won, Money lostAmount) {
    }

    private ChargeCommands() {
    }
}
