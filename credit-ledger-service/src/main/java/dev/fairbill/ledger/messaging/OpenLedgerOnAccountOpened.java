package dev.fairbill.ledger.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.ledger.domain.LedgerId;
import dev.fairbill.ledger.domain.OpenLedger;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.messaging.InboundMessage;

/** Every account billing opens gets an empty credit ledger. */
@Component
public class OpenLedgerOnAccountOpened implements InboundHandler<AccountOpenedV1> {

    private final CommandGateway commands;

    public OpenLedgerOnAccountOpened(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String type() {
        return AccountOpenedV1.TYPE;
    }

    @Override
    public Class<AccountOpenedV1> dataType() {
        return AccountOpenedV1.class;
    }

    @Override
    public void handle(AccountOpenedV1 opened, InboundMessage message) {
        commands.sendAndWait(new OpenLedger(LedgerId.of(opened.accountId()), opened.tenant(), opened.parentAccountId()));
    }
}
