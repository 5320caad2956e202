package dev.fairbill.billing.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

import dev.fairbill.billing.purchase.PurchaseCommands.RecordRefillRequest;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.refund.RefillRequestedV1;
import dev.fairbill.platform.messaging.InboundDispatcher;
import dev.fairbill.platform.messaging.InboundHandler;

/**
 * Refills that refund cases' remedies ask for, recorded on their purchase once each, where the delivering system
 * reads them and reports their delivery. A refill for an unknown purchase, one of another tenant or one that is not
 * a paid delivery order fails the message: retried, then parked on the dead-letter topic for an operator.
 * Refund-service's other facts have no handler here and are skipped.
 */
@Configuration(proxyBeanMethods = false)
class RefillRequests {

    @Bean
    InboundHandler<RefillRequestedV1> recordRefill(CommandGateway commands) {
        return InboundHandler.of(RefillRequestedV1.TYPE, RefillRequestedV1.class,
                requested -> commands.sendAndWait(new RecordRefillRequest(PurchaseId.of(requested.purchaseId()),
                        requested.tenant(), requested.refillId(), requested.caseId(), requested.quantity(),
                        requested.requestedAt())));
    }

    @Bean
    RefundEventsListener refundEventsListener(InboundDispatcher dispatcher) {
        return new RefundEventsListener(dispatcher);
    }

    /** Refund-service's facts, applied once each through the inbox. */
    static final class RefundEventsListener {

        private final InboundDispatcher dispatcher;

        RefundEventsListener(InboundDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @KafkaListener(topics = Topics.REFUND_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
        public void on(ConsumerRecord<String, byte[]> record) {
            dispatcher.dispatch(record);
        }
    }
}
