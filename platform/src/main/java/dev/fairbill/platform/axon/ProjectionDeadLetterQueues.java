package dev.fairbill.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;

import dev.fairbill.platform.messaging.KafkaPublisher;

/**
 * Gives every processing group except the Kafka publisher a sequenced dead-letter queue in PostgreSQL, and makes the
 * publisher propagate failures so its batch is retried instead of skipped.
 *
 * <p>Axon's Spring Boot auto-configuration registers its own dead-letter-queue provider, which only serves groups
 * with {@code axon.eventhandling.processors.<group>.dlq.enabled=true} and replaces any provider registered before it.
 * This module runs last so that every projection is covered without per-group settings.
 */
final class ProjectionDeadLetterQueues implements ConfigurerModule {

    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;

    ProjectionDeadLetterQueues(ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing(processing -> processing
                .registerDeadLetterQueueProvider(group -> KafkaPublisher.PROCESSING_GROUP.equals(group)
                        ? null
                        : config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .genericSerializer(config.serializer())
                                .eventSerializer(config.eventSerializer())
                                .build())
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }
}
