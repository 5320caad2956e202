package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;

import dev.fairbill.platform.testclock.TestClockDeadlineManager;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;

import dev.fairbill.platform.PlatformIntegrationTest;
import dev.fairbill.platform.axon.naming.StoredTypeSerializer;
import dev.fairbill.platform.messaging.KafkaPublisher;

/**
 * Under Spring Boot 4, Axon 4.13's own auto-configuration silently falls back to in-memory stores and a no-op
 * transaction manager. This pins the real wiring: everything Axon keeps lives in PostgreSQL.
 */
@PlatformIntegrationTest
class AxonWiringIT {

    @Autowired EventStorageEngine storageEngine;
    @Autowired TokenStore tokenStore;
    @Autowired SagaStore<?> sagaStore;
    @Autowired TransactionManager transactionManager;
    @Autowired DeadlineManager deadlineManager;
    @Autowired Serializer serializer;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;
    @Autowired @Qualifier("messageSerializer") Serializer messageSerializer;
    @Autowired EventProcessingConfiguration eventProcessing;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    @Test
    void eventsTokensSagasAndDeadlinesArePersistedInPostgres() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        // aggregates get the test-clock-aware manager; the deadlines of accounts on the wall clock go to db-scheduler
        assertThat(deadlineManager).isInstanceOf(TestClockDeadlineManager.class);
        assertThat(((TestClockDeadlineManager) deadlineManager).scheduler())
                .isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void unitsOfWorkRunInSpringTransactions() {
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void everythingIsSerialisedWithJackson3UnderStableTypeNames() {
        assertThat(List.of(serializer, eventSerializer, messageSerializer))
                .allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(StoredTypeSerializer.class,
                        named -> assertThat(named.delegate()).isInstanceOf(Jackson3Serializer.class)));
    }

    @Test
    void flywayCreatedAxonsTablesAndTheInbox() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();
        assertThat(tables).contains("domainevententry", "snapshotevententry", "tokenentry", "sagaentry",
                "associationvalueentry", "deadletterentry", "scheduled_tasks", "inbox", "idempotency_keys",
                "flyway_schema_history");
    }

    @Test
    void theKafkaPublisherTracksTheEventStoreWithAPersistentToken() {
        assertThat(eventProcessing.eventProcessor(KafkaPublisher.PROCESSING_GROUP))
                .get().isInstanceOf(TrackingEventProcessor.class);
    }

    @Test
    void everyEventProcessorReportsItsLatencyAndCapacityThroughTheLeanMonitor() {
        assertThat(eventProcessing.eventProcessors().keySet()).isNotEmpty().allSatisfy(name -> {
            assertThat(meters.find("eventProcessor.latency").tag("processorName", name).gauge()).isNotNull();
            assertThat(meters.find("eventProcessor.capacity").tag("processorName", name).gauge()).isNotNull();
        });
        assertThat(meters.find("eventProcessor.processingTime").meters()).isEmpty();
    }
}
