package dev.fairbill.billing.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.payment.UnknownPaymentMethodException;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeCaptured;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeVoided;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/**
 * Charges what a subscription asks for and tells it the outcome. A redelivered request names the same charge id
 * (derived from subscription, period and attempt), so the charge is created once; the subscription ignores outcomes
 * of charges it is not waiting for, so redelivered outcomes change nothing.
 */
@Component
@ProcessingGroup(SubscriptionChargingProcess.PROCESSING_GROUP)
public class SubscriptionChargingProcess {

    public static final String PROCESSING_GROUP = "subscription-charging";

    private final CommandGateway commands;
    private final ChargePayments payments;

    public SubscriptionChargingProcess(CommandGateway commands, ChargePayments payments) {
        this.commands = commands;
        this.payments = payments;
    }

    @EventHandler
    void on(SubscriptionChargeRequested requested) {
        try {
            payments.capture(new CaptureCharge(requested.chargeId(), requested.accountId(), requested.tenant(),
                    requested.amount(), requested.description(), requested.subscriptionId(),
                    requested.period().start(), null, requested.paymentMethod(), false));
        } catch (AggregateStreamCreationException alreadyCharged) {
            // this request was handled before; the charge's own events carry its outcome
        } catch (UnknownPaymentMethodException unknown) {
            // no charge exists to report the failure, so the subscription is told here and dunning takes over
            tell(new RecordSubscriptionChargeFailed(requested.subscriptionId(), requested.chargeId(),
                    "unknown_payment_method"));
        }
    }

    @EventHandler
    void on(ChargeCaptured captured) {
        if (captured.subscriptionId() != null) {
            tell(new RecordSubscriptionChargeCaptured(captured.subscriptionId(), captured.chargeId(),
                    captured.amount().minus(captured.paidFromBalance())));
        }
    }

    /** A period that will never be served is not paid for: what the card paid goes back, once (one refund id). */
    @EventHandler
    void on(SubscriptionChargeVoided voided) {
        if (voided.cardPaid().isPositive()) {
            payments.refund(new RefundCharge(voided.chargeId(), Ids.derive(IdPrefix.REFUND, "voided-period\n"
                    + voided.chargeId().value()), voided.tenant(), voided.accountId(), voided.cardPaid(),
                    "subscription-ended-before-the-period"));
        }
    }

    @EventHandler
    void on(ChargeFailed failed) {
        if (failed.subscriptionId() != null) {
            tell(new RecordSubscriptionChargeFailed(failed.subscriptionId(), failed.chargeId(), failed.failureCode()));
        }
    }

    private void tell(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            // an ad-hoc charge naming a subscription that does not exist: nothing to tell
        }
    }
}
