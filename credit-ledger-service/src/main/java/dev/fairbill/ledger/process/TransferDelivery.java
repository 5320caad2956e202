package dev.fairbill.ledger.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;
import dev.fairbill.ledger.ledger.LotId;
import dev.fairbill.ledger.ledger.LotSource;

/**
 * Grants the credits a reseller transferred to its sub-reseller (final-sale-reseller §5) as a TRANSFER lot. A tracking
 * processor: the grant happens after the transfer commits, is retried until it succeeds, and is granted once because
 * its operation id is the transfer's.
 */
@Component
@ProcessingGroup(TransferDelivery.PROCESSING_GROUP)
public class TransferDelivery {

    public static final String PROCESSING_GROUP = "transfer-delivery";

    private final CommandGateway commands;

    public TransferDelivery(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(CreditsTransferred transferred) {
        String operation = "transfer:" + transferred.transferId();
        commands.sendAndWait(new GrantLot(transferred.toLedgerId(), operation, LotId.derive(operation),
                CreditUnit.CREDIT, LotSource.TRANSFER, transferred.amount(), transferred.expiresAt(),
                transferred.transferId(), null, null));
    }
}
