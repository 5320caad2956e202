package dev.fairbill.billing.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.purchase.PurchaseCommands.RecordPurchasePayment;

/**
 * Tells a purchase that its charge was captured or failed. A subscribing processor: the purchase is PAID or
 * PAYMENT_FAILED in the unit of work and transaction that record the charge, so {@code POST /purchases} answers with
 * the outcome and fulfilment can be reported at once. Recording is the same transaction's work, so the charge and
 * the payment commit or roll back together. It has nothing to refuse: the purchase ignores repeats and charges that
 * are not its own, and one placed in the same transaction is written by no one else.
 */
@Component
@ProcessingGroup(PurchasePayments.PROCESSING_GROUP)
public class PurchasePayments {

    public static final String PROCESSING_GROUP = "purchase-payments";

    private final CommandGateway commands;

    public PurchasePayments(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ChargeCaptured event) {
        if (event.purchaseId() != null) {
            commands.sendAndWait(new RecordPurchasePayment(event.purchaseId(), event.chargeId(), null));
        }
    }

    @EventHandler
    void on(ChargeFailed event) {
        if (event.purchaseId() != null) {
            commands.sendAndWait(new RecordPurchasePayment(event.purchaseId(), event.chargeId(),
                    event.failureCode()));
        }
    }
}
