package dev.fairbill.billing.charge;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.money.Money;

/** The commands the Charge aggregate accepts; other aggregates' processes charge and dispute through these. */
public final class ChargeCommands {

    /**
     * Charges the account: from its cash balance first when it has one, otherwise (and for the rest) through the
     * payment processor. Exactly one of {@code subscriptionId}
     * (with {@code billingPeriodStart}) and {@code purchaseId} may be set, or neither for an ad-hoc charge.
     *
     * @param intentional the client marked a repeat of the same amount and description as deliberate, so it is not
     *                    a duplicate (docs/domain.md, duplicate charges)
     */
    public record CaptureCharge(@TargetAggregateIdentifier ChargeId chargeId, AccountId accountId, String tenant,
                                Money amount, String description, SubscriptionId subscriptionId,
                                Instant billingPeriodStart, PurchaseId purchaseId, String paymentMethod,
                                boolean intentional, boolean balanceFirst) {

        /** A charge that goes to the processor at once. */
        public CaptureCharge(ChargeId chargeId, AccountId accountId, String tenant, Money amount, String description,
                             SubscriptionId subscriptionId, Instant billingPeriodStart, PurchaseId purchaseId,
                             String paymentMethod, boolean intentional) {
            this(chargeId, accountId, tenant, amount, description, subscriptionId, billingPeriodStart, purchaseId,
                    paymentMethod, intentional, false);
        }

        /**
         * @param cashBalanceKnown whether the account has a known cash balance in the charge's currency, which the
         *                         ledger is then asked to pay from first
         */
        public CaptureCharge withBalanceFirst(boolean cashBalanceKnown) {
            return new CaptureCharge(chargeId, accountId, tenant, amount, description, subscriptionId,
                    billingPeriodStart, purchaseId, paymentMethod, intentional, cashBalanceKnown);
        }
    }

    /**
     * The processor's answer to a requested capture, reported by the process that called it: exactly one of
     * {@code processorChargeId} (captured) and {@code failureCode} (declined). A repeated answer changes nothing.
     */
    public record RecordCaptureOutcome(@TargetAggregateIdentifier ChargeId chargeId, String processor,
                                       String processorChargeId, String failureCode) {
    }

    /**
     * The processor's answer to a requested refund, reported by the process that called it: exactly one of
     * {@code processorRefundId} (refunded) and {@code failureCode} (declined). A repeated answer changes nothing.
     */
    public record RecordRefundOutcome(@TargetAggregateIdentifier ChargeId chargeId, String refundId,
                                      String processorRefundId, String failureCode) {
    }

    /**
     * The processor received the refund and will decide it (Adyen answers every refund so): the refund stays under
     * way, and its notification is the answer.
     */
    public record RecordRefundAccepted(@TargetAggregateIdentifier ChargeId chargeId, String refundId,
                                       String processorRefundId) {
    }

    /**
     * The processor reports a refund of this charge, from its webhook: one Fairbill asked for ({@code refundId}, the
     * id it sent as metadata), or one made elsewhere, such as in the processor's dashboard ({@code refundId} null).
     * Recorded once per processor refund id; a refund made elsewhere is recorded under a refund id of its own.
     */
    public record RecordProcessorRefund(@TargetAggregateIdentifier ChargeId chargeId, String tenant,
                                        String processorRefundId, Money amount, String refundId) {
    }

    /**
     * The processor reports that a refund of this charge failed ({@code processorRefundId}; {@code refundId} when
     * Fairbill asked for it). Before billing recorded it as refunded, it is the refund's answer; afterwards the refund
     * is reversed: the money is back with the merchant. Recorded once per processor refund id.
     */
    public record RecordProcessorRefundFailure(@TargetAggregateIdentifier ChargeId chargeId, String tenant,
                                               String processorRefundId, String refundId, String failureCode) {
    }

    /**
     * A dispute was opened on (or updated for) this charge; {@code amount} is the disputed amount and {@code dueBy}
     * the processor's evidence deadline, or {@code null} when the processor names none.
     */
    public record RecordChargeDispute(@TargetAggregateIdentifier ChargeId chargeId, DisputeId disputeId,
                                      Money amount, String reason, Instant dueBy) {
    }

    /** The dispute on this charge closed; a lost dispute keeps {@code lostAmount} with the customer. */
    public record RecordChargeDisputeClosed(@TargetAggregateIdentifier ChargeId chargeId, DisputeId disputeId,
                                            boolean won, Money lostAmount) {
    }

    /**
     * Refunds part or all of a captured charge: to its payment method through the processor, and the part the cash
     * balance paid back to the balance.
     *
     * @param refundId the requester's id for this refund: a refund id that was refunded before is not refunded again
     */
    public record RefundCharge(@TargetAggregateIdentifier ChargeId chargeId, String refundId, String tenant,
                               AccountId accountId, Money amount, String reason) {
    }

    /**
     * The ledger granted part of the charge back as cash balance for a refund another service made there (a refund
     * case paid to the account balance): the charge counts it as refunded, once per refund id.
     */
    public record RecordRefundToBalance(@TargetAggregateIdentifier ChargeId chargeId, String tenant,
                                        AccountId accountId, String refundId, Money amount) {
    }

    /**
     * The ledger's answer to a charge awaiting balance: {@code applied} of the account's cash balance pays it (possibly
     * nothing); the processor is asked for the rest.
     */
    public record SettleChargeFromBalance(@TargetAggregateIdentifier ChargeId chargeId, String tenant,
                                          AccountId accountId, Money applied) {
    }

    /** Marks this charge as a duplicate of the earlier {@code duplicateOf} (docs/domain.md, duplicate charges). */
    public record FlagChargeDuplicate(@TargetAggregateIdentifier ChargeId chargeId, ChargeId duplicateOf,
                                      DuplicateRule rule) {
    }

    private ChargeCommands() {
    }
}
