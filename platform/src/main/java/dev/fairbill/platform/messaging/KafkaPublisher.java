package dev.fairbill.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * The event store is the outbox: this tracking processor reads every stored domain event, maps it through every
 * {@link IntegrationEventMapper} of the service (usually one per aggregate) and sends the messages to Kafka. Sends within one batch go out together; before the batch's unit of work commits (and
 * with it the processor's token) every send must have been acknowledged by the broker. A failed or timed-out send
 * fails the batch, so the token does not move and the batch is sent again: delivery is at least once, and consumers
 * recognise repeats by the CloudEvents id, which is the Axon event id.
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaPublisher.class.getName() + ".pending";

    private final List<IntegrationEventMapper> mappers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final MessagingProperties properties;

    public KafkaPublisher(List<IntegrationEventMapper> mappers, KafkaTemplate<String, byte[]> kafka, JsonMapper json,
                          MessagingProperties properties) {
        this.mappers = List.copyOf(mappers);
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    @EventHandler
    public void on(Object domainEvent, EventMessage<?> event) {
        for (IntegrationEventMapper mapper : mappers) {
            mapper.toIntegrationMessage(domainEvent)
                    .ifPresent(message -> pendingSends().add(kafka.send(record(message, event))));
        }
    }

    private ProducerRecord<String, byte[]> record(IntegrationMessage message, EventMessage<?> event) {
        var record = new ProducerRecord<String, byte[]>(message.topic(), message.subject(),
                json.writeValueAsBytes(message.data()));
        CloudEvents.addHeaders(record.headers(), event.getIdentifier(), message.type(), properties.source(),
                message.subject(), event.getTimestamp());
        return record;
    }

    private List<CompletableFuture<SendResult<String, byte[]>>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
        kafka.flush();
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationPublishException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IntegrationPublishException("the broker did not acknowledge a batch of " + sends.size()
                    + " messages", e);
        }
    }
}
