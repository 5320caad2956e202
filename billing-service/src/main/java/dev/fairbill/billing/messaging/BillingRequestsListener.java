package dev.fairbill.billing.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.messaging.InboundDispatcher;

/**
 * Requests other services' sagas send to billing (refund a charge, suspend or reinstate an account, cancel a
 * subscription), each applied once by its {@link dev.fairbill.platform.messaging.InboundHandler}.
 */
@Component
public class BillingRequestsListener {

    private final InboundDispatcher dispatcher;

    public BillingRequestsListener(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(topics = Topics.BILLING_REQUESTS, groupId = "${spring.kafka.consumer.group-id}")
    public void on(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(record);
    }
}
