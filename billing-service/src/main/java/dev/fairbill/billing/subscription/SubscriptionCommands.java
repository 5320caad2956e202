package dev.fairbill.billing.subscription;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.money.Money;

/** The commands the Subscription aggregate accepts. */
public final class SubscriptionCommands {

    /**
     * @param plan             the plan's terms from the tenant's catalog at the time of purchase
     * @param backdateStartTo  imports a subscription that started in the past; {@code null} starts it now
     * @param couponPercentOff lowers the charged price of every period, 1–99; {@code null} for none
     */
    public record CreateSubscription(@TargetAggregateIdentifier SubscriptionId subscriptionId, AccountId accountId,
                                     String tenant, PlanTerms plan, String paymentMethod, Instant backdateStartTo,
                                     Integer couponPercentOff) {
    }

    /** @param refundCaseId with {@code refundRequested}: the id refund-service opens the case under (ADR 0014) */
    public record CancelSubscription(@TargetAggregateIdentifier SubscriptionId subscriptionId,
                                     SubscriptionCancellationMode mode, String reason, boolean refundRequested,
                                     String refundReason, String refundCaseId) {
    }

    public record WithdrawSubscriptionCancellation(@TargetAggregateIdentifier SubscriptionId subscriptionId) {
    }

    /** Switches to another plan from the next period on. */
    public record ChangeSubscriptionPlan(@TargetAggregateIdentifier SubscriptionId subscriptionId, PlanTerms plan) {
    }

    /** The payment method later charges of this subscription use. */
    public record ChangeSubscriptionPaymentMethod(@TargetAggregateIdentifier SubscriptionId subscriptionId,
                                                  String paymentMethod) {
    }

    /** The charge the subscription asked for was captured; for any other charge this changes nothing. */
    /** @param cardPaid what the payment method paid of the charge (the rest came from the cash balance) */
    public record RecordSubscriptionChargeCaptured(@TargetAggregateIdentifier SubscriptionId subscriptionId,
                                                   ChargeId chargeId, Money cardPaid) {
    }

    /** The charge the subscription asked for failed; for any other charge this changes nothing. */
    public record RecordSubscriptionChargeFailed(@TargetAggregateIdentifier SubscriptionId subscriptionId,
                                                 ChargeId chargeId, String failureCode) {
    }

    /** Mirrors an account hold; placing one that is already there changes nothing. */
    public record PlaceSubscriptionSuspension(@TargetAggregateIdentifier SubscriptionId subscriptionId, SuspensionReason reason,
                                        String reference) {
    }

    /** Mirrors a lifted account hold; lifting one that is not there changes nothing. */
    public record LiftSubscriptionSuspension(@TargetAggregateIdentifier SubscriptionId subscriptionId, SuspensionReason reason,
                                       String reference) {
    }

    /** The account was terminated (a lost dispute, final-sale-reseller §9). */
    public record TerminateSubscription(@TargetAggregateIdentifier SubscriptionId subscriptionId, SuspensionReason reason,
                                        String reference) {
    }

    private SubscriptionCommands() {
    }
}
