package dev.fairbill.platform.axon;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.fairbill.platform.axon.naming.StoredTypeNamesPostProcessor;
import dev.fairbill.platform.messaging.KafkaPublisher;

/**
 * Axon on PostgreSQL through plain JDBC: event store, token store, saga store and dead-letter queues.
 *
 * <p>Axon 4.13 orders its own JDBC and transaction auto-configuration after Spring Boot 3 class names. Under Boot 4
 * those names no longer exist, so Axon evaluates its conditions before the DataSource exists and silently falls back
 * to an in-memory token store and a no-op transaction manager. Declaring the beans here, ordered after Boot 4's
 * DataSource and transaction auto-configuration and before Axon's, makes the wiring independent of that ordering.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        },
        beforeName = {
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration"
        })
public class AxonPostgresAutoConfiguration {

    /** Stored events, snapshots, sagas and deadlines carry their stable names ({@code @StoredAs}), not class names. */
    @Bean
    public static StoredTypeNamesPostProcessor storedTypeNames() {
        return new StoredTypeNamesPostProcessor();
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** Recognises PostgreSQL's unique violation on (aggregate, sequence) as a concurrent append. */
    @Bean
    public PersistenceExceptionResolver axonPersistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                // events fetched per query by a tracking processor (and per page of an aggregate's stream): a
                // projection's batch of up to 200 events, or a replay, needs one query instead of several
                .batchSize(500)
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * Axon's embedded event store, waking its tracking processors when the events they are told of are visible, and
     * {@code fairbill.axon.processor-wake-delay} (none by default) after the first commit that calls for it.
     */
    @Bean
    public EventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                 @Value("${fairbill.axon.processor-wake-delay:0ms}") Duration wakeDelay) {
        return new CommitAwareEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), wakeDelay);
    }

    /**
     * The event store for tracking processors that may wait a moment to handle events in batches: a processor uses it
     * with {@code axon.eventhandling.processors.<name>.source: lingeringEventSource}; it waits
     * {@code fairbill.axon.processor-linger} (20 ms) after the first event that ends an idle spell.
     */
    @Bean
    public LingeringEventSource lingeringEventSource(EventStore eventStore,
                                                     @Value("${fairbill.axon.processor-linger:20ms}") Duration linger) {
        return new LingeringEventSource(eventStore, linger);
    }

    /**
     * The event store's last sequence number per aggregate, read in the caller's transaction: what an aggregate cache
     * checks its entries against, since another replica may have appended since.
     */
    @Bean
    public TransactionalAggregateCache.StoredVersions storedVersions(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return aggregateId -> {
            Long latest = jdbc.sql("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?")
                    .param(aggregateId.toString()).query(Long.class).single();
            return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
        };
    }

    /** Processors whose segments must never change one account at once name it: {@code sequencing-policy: byAccount}. */
    @Bean(ByAccount.BEAN)
    public ByAccount byAccount() {
        return new ByAccount();
    }

    /** Refuses to start with a tracking processor that has segments no thread would ever process. */
    @Bean
    public SmartInitializingSingleton trackingSegmentsHaveThreads(ObjectProvider<EventProcessorProperties> properties) {
        return () -> properties.ifAvailable(SegmentThreads::check);
    }

    /** Commands that lost an append race to a writer the aggregate lock could not see run again (see there). */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(new ConflictRetry(4, 20)).build();
    }

    /**
     * The name this replica claims tracking tokens under: {@code fairbill.axon.node}, by default the JVM's
     * {@code pid@host} (in Kubernetes, the pod's name).
     */
    @Bean
    public ReplicaNode replicaNode(@Value("${fairbill.axon.node:}") String node) {
        return new ReplicaNode(node.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : node);
    }

    /**
     * Tracking tokens in PostgreSQL. A replica's claim on a segment lasts {@code fairbill.axon.token-claim-timeout}
     * (10 s) unless extended (a replica extends its claims while it runs, idle or not); a replica killed without
     * releasing them leaves its segments to the others that much later.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, ReplicaNode node,
                                 @Value("${fairbill.axon.token-claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .nodeId(node.name())
                .claimTimeout(claimTimeout)
                .build();
    }

    /**
     * A tracking processor the settings do not name gets what the named ones are given: {@code fairbill.axon.segments}
     * segments, a thread for each, looking for segments to claim every {@code fairbill.axon.token-claim-interval-ms}.
     */
    @Bean
    public ConfigurerModule segmentedTrackingProcessors(@Value("${fairbill.axon.segments:4}") int segments,
                                                        @Value("${fairbill.axon.token-claim-interval-ms:2000}")
                                                        long claimInterval) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(config ->
                TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andTokenClaimInterval(claimInterval, TimeUnit.MILLISECONDS));
    }

    /** Shares the tracking processors' segments among the replicas of the service (see there). */
    @Bean
    public ReplicaSegments replicaSegments(EventProcessingConfiguration processing, DataSource dataSource,
                                           ReplicaNode node, @Value("${fairbill.axon.segments:4}") int segments,
                                           @Value("${fairbill.axon.token-claim-timeout:10s}") Duration claimTimeout,
                                           @Value("${fairbill.axon.replica-heartbeat:3s}") Duration heartbeat,
                                           ObjectProvider<MeterRegistry> meters) {
        return new ReplicaSegments(processing, JdbcClient.create(dataSource), node.name(), segments, claimTimeout,
                heartbeat, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    /**
     * Projections park a failing event in a sequenced dead-letter queue and go on with other sequences. The Kafka
     * publisher never skips: a failed send fails the batch, the token stays, and the batch is retried.
     */
    @Bean
    public ConfigurerModule deadLetterQueuesForProjections(ConnectionProvider connectionProvider,
                                                           TransactionManager transactionManager) {
        return new ProjectionDeadLetterQueues(connectionProvider, transactionManager);
    }

    /** Event processors report their latency, capacity and outcomes through {@link ProcessorMetrics}. */
    @Bean
    public ConfigurerModule leanEventProcessorMetrics(ObjectProvider<MeterRegistry> registry, Clock clock) {
        return configurer -> registry.ifAvailable(meters -> configurer.configureMessageMonitor(EventProcessor.class,
                (config, type, name) -> new ProcessorMetrics(name, meters, clock, System::nanoTime)));
    }
}
