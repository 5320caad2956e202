package dev.fairbill.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks that a store written by an earlier version of a service ({@link StoreFixture}) still reads: every event
 * deserialises to a class of today's code, every aggregate loads from its events and snapshots, every saga loads.
 */
public final class EarlierStores {

    private final DataSource dataSource;
    private final Configuration axon;
    private final EventStorageEngine events;
    private final SagaStore<Object> sagas;
    private final Serializer serializer;
    private final TransactionTemplate transactions;

    /** The checks on the service whose context this is. */
    @SuppressWarnings("unchecked")
    public static EarlierStores of(ApplicationContext service) {
        return new EarlierStores(service.getBean(DataSource.class), service.getBean(Configuration.class),
                service.getBean(EventStorageEngine.class), service.getBean(SagaStore.class),
                service.getBean(Serializer.class), service.getBean(PlatformTransactionManager.class));
    }

    private EarlierStores(DataSource dataSource, Configuration axon, EventStorageEngine events, SagaStore<Object> sagas,
                          Serializer serializer, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.axon = axon;
        this.events = events;
        this.sagas = sagas;
        this.serializer = serializer;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Appends the fixture's events, snapshots and sagas to the service's store, after stopping its event processors
     * (they would act on the old events, ending sagas the check is about to load); returns how many events.
     */
    public long load(String fixture) {
        axon.eventProcessingConfiguration().eventProcessors().values().forEach(EventProcessor::shutDown);
        long loaded = StoreFixture.load(dataSource, fixture);
        assertThat(loaded).as("events in the fixture").isPositive();
        return loaded;
    }

    /**
     * Checks that everything in the store reads; {@code aggregates} maps the aggregate type names the event store
     * records to their classes.
     */
    public void assertEverythingLoads(long loaded, Map<String, Class<?>> aggregates) {
        JdbcClient jdbc = JdbcClient.create(dataSource);

        List<Object> payloads = events.readEvents(null, false).<Object>map(TrackedEventMessage::getPayload).toList();
        assertThat(payloads).as("events read back").hasSizeGreaterThanOrEqualTo((int) loaded)
                .allSatisfy(payload -> assertThat(payload).isNotInstanceOf(UnknownSerializedType.class));

        // events published without an aggregate (facts learnt from other services) have no type: read above
        var streams = jdbc.sql("""
                        SELECT DISTINCT type, aggregateidentifier FROM domainevententry WHERE type IS NOT NULL
                        ORDER BY 1, 2""")
                .query((row, n) -> new String[] {row.getString(1), row.getString(2)}).list();
        assertThat(streams).isNotEmpty().allSatisfy(stream -> {
            assertThat(aggregates).as("aggregate type " + stream[0]).containsKey(stream[0]);
            load(aggregates.get(stream[0]), stream[1]);
        });

        var stored = jdbc.sql("SELECT sagaid, sagatype FROM sagaentry")
                .query((row, n) -> new String[] {row.getString(1), row.getString(2)}).list();
        stored.forEach(saga -> assertThat(sagas.loadSaga(sagaClass(saga[1]), saga[0])).as("saga " + saga[0])
                .isNotNull());
        var associations = jdbc.sql("""
                        SELECT associationkey, associationvalue, sagaid, sagatype FROM associationvalueentry""")
                .query((row, n) -> new String[] {row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4)}).list();
        associations.forEach(association -> assertThat(sagas.findSagas(sagaClass(association[3]),
                new AssociationValue(association[0], association[1]))).as("sagas associated with " + association[0]
                + "=" + association[1]).contains(association[2]));
    }

    /**
     * Hands every stored event, in order, to the service's projections (its subscribing event processors named
     * {@code *-projection}, which keep its read models in the commands' transactions; processes that send commands
     * are left out), as replaying the store into empty read models would; checks that none fails and that each of
     * {@code tables} has rows afterwards.
     */
    public void assertEverythingProjects(List<String> tables) {
        List<EventHandlerInvoker> projections = axon.eventProcessingConfiguration().eventProcessors().values()
                .stream().filter(SubscribingEventProcessor.class::isInstance)
                .filter(processor -> processor.getName().endsWith("-projection"))
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker()).toList();
        assertThat(projections).as("the service's projections").isNotEmpty();
        List<? extends TrackedEventMessage<?>> stored = events.readEvents(null, false).toList();
        for (TrackedEventMessage<?> event : stored) {
            transactions.executeWithoutResult(status -> {
                var unitOfWork = DefaultUnitOfWork.startAndGet(event);
                unitOfWork.execute(() -> projections.forEach(invoker -> {
                    try {
                        invoker.handle(event, Segment.ROOT_SEGMENT);
                    } catch (Exception e) {
                        throw new AssertionError("projecting " + event.getPayloadType().getSimpleName(), e);
                    }
                }));
            });
        }
        JdbcClient jdbc = JdbcClient.create(dataSource);
        tables.forEach(table -> assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
                .as("rows projected into " + table).isPositive());
    }

    private <A> void load(Class<A> type, String id) {
        transactions.executeWithoutResult(transaction -> {
            var unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                Object root = axon.repository(type).load(id).invoke(aggregate -> aggregate);
                assertThat(root).as(type.getSimpleName() + " " + id).isInstanceOf(type);
            } finally {
                unitOfWork.rollback();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Class<Object> sagaClass(String storedType) {
        Class<?> type = serializer.classForType(new SimpleSerializedType(storedType, null));
        assertThat(type).as("saga type " + storedType).isNotEqualTo(UnknownSerializedType.class);
        return (Class<Object>) type;
    }
}
