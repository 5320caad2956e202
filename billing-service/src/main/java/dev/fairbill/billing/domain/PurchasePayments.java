package dev.fairbill.billing.domain;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.domain.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.domain.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.domain.PurchaseCommands.RecordPurchasePayment;

/**
 * Tells a purchase that its charge was captured or failed. A tracking processor, so a crash between charging and
 * recording loses nothing; the purchase ignores repeats and charges that are not its own.
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
