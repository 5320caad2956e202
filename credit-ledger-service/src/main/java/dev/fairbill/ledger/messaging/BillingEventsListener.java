package dev.fairbill.ledger.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.ledger.domain.LedgerId;
import dev.fairbill.ledger.domain.OpenLedger;
import dev.fairbill.platform.messaging.InboundMessage;
import dev.fairbill.platform.messaging.Inbox;
import tools.jackson.databind.json.JsonMapper;

/** Billing's facts that the ledger acts on. Each is applied once, through the inbox. */
@Component
public class BillingEventsListener {

    private final Inbox inbox;
    private final CommandGateway commands;
    private final JsonMapper json;

    public BillingEventsListener(Inbox inbox, CommandGateway commands, JsonMapper json) {
        this.inbox = inbox;
        this.commands = commands;
        this.json = json;
    }

    @KafkaListener(topics = Topics.BILLING_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundMessage message = InboundMessage.from(record);
        if (AccountOpenedV1.TYPE.equals(message.type())) {
            inbox.receive(message, m -> {
                AccountOpenedV1 opened = m.data(AccountOpenedV1.class, json);
                commands.sendAndWait(new OpenLedger(LedgerId.of(opened.accountId()), opened.tenant(),
                        opened.parentAccountId()));
            });
        }
    }
}
