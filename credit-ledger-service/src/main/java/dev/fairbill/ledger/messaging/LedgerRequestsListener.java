package dev.fairbill.ledger.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.messaging.InboundDispatcher;

/** Requests to the ledger from billing and the sagas, each applied once by its handler. */
@Component
public class LedgerRequestsListener {

    private final InboundDispatcher dispatcher;

    public LedgerRequestsListener(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(topics = Topics.LEDGER_REQUESTS, groupId = "${spring.kafka.consumer.group-id}")
    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }
}
