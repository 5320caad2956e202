package dev.fairbill.ledger.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import dev.fairbill.platform.messaging.NotYetApplicableException;

/**
 * A request for a ledger not opened yet waits: the account's opening fact travels on billing's events topic and may
 * arrive later than a request sent after it.
 */
final class WaitForLedger {

    /** Sends a command to an account's ledger; a ledger that does not exist yet makes the request wait for it. */
    static void send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException notOpened) {
            throw new NotYetApplicableException("ledger " + notOpened.getAggregateIdentifier() + " is not open yet",
                    notOpened);
        }
    }

    private WaitForLedger() {
    }
}
