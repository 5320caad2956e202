package dev.fairbill.billing.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.messaging.InboundDispatcher;

/**
 * The ledger's facts billing acts on (an account's cash balance changed; cash balance applied to a charge), each
 * applied once by its {@link dev.fairbill.platform.messaging.InboundHandler}. The dispatcher skips the ledger's other
 * facts: billing has no handler for them.
 */
@Component
public class LedgerEventsListener {

    private final InboundDispatcher dispatcher;

    public LedgerEventsListener(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(topics = Topics.LEDGER_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }
}
