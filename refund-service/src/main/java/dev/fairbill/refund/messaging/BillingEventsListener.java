package dev.fairbill.refund.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.messaging.InboundDispatcher;

/** Billing's facts, each applied once by its handler; types refund-service has no handler for are skipped. */
@Component
public class BillingEventsListener {

    private final InboundDispatcher dispatcher;

    public BillingEventsListener(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(topics = Topics.BILLING_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }
}
