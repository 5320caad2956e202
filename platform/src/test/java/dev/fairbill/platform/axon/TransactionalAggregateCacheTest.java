package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class TransactionalAggregateCacheTest {

    /** What the event store holds: the last sequence number per aggregate. */
    private final Map<Object, Long> store = new HashMap<>();
    private final TransactionalAggregateCache cache = new TransactionalAggregateCache(2,
            id -> store.containsKey(id) ? OptionalLong.of(store.get(id)) : OptionalLong.empty());

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        TransactionSynchronizationManager.unbindResourceIfPossible(cache);
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenItIsFull() {
        cache.put("acct_1", "one");
        cache.put("acct_2", "two");
        assertThat(cache.<String, String>get("acct_1")).isEqualTo("one");
        cache.put("acct_3", "three");

        assertThat(cache.containsKey("acct_2")).isFalse();
        assertThat(cache.containsKey("acct_1")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    /** Nobody sees a state before its transaction committed; the last one saved enters the cache then. */
    @Test
    void anEntryIsOutWhileItsTransactionRunsAndItsLastSavedStateEntersOnCommit() {
        cache.put("acct_1", "v1");
        TransactionSynchronizationManager.initSynchronization();
        assertThat(cache.<String, String>get("acct_1")).isEqualTo("v1");
        cache.put("acct_1", "v2");
        cache.put("acct_1", "v3");
        assertThat(cache.containsKey("acct_1")).as("not before the commit").isFalse();

        complete(TransactionSynchronization.STATUS_COMMITTED);

        assertThat(cache.<String, String>get("acct_1")).isEqualTo("v3");
    }

    /** A command inside a longer transaction: nothing it saved outlives a rollback of that transaction. */
    @Test
    void aTransactionThatRollsBackLeavesNothingInTheCache() {
        cache.put("acct_1", "before");
        TransactionSynchronizationManager.initSynchronization();
        assertThat(cache.<String, String>get("acct_1")).isEqualTo("before");
        cache.put("acct_1", "uncommitted");
        cache.put("acct_2", "uncommitted");

        complete(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(cache.containsKey("acct_1")).isFalse();
        assertThat(cache.containsKey("acct_2")).isFalse();
    }

    /** Another state entered meanwhile: which is newer is not known here, so neither stays. */
    @Test
    void aStateThatEnteredMeanwhileAndTheCommittedOneAreBothDropped() {
        TransactionSynchronizationManager.initSynchronization();
        cache.put("acct_1", "ours");
        var ours = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.unbindResource(cache);
        cache.put("acct_1", "theirs");

        TransactionSynchronizationUtils.invokeAfterCompletion(ours, TransactionSynchronization.STATUS_COMMITTED);

        assertThat(cache.containsKey("acct_1")).isFalse();
    }

    /** Another replica appended to the aggregate after this one cached it: the entry is stale and dropped. */
    @Test
    void anAggregateTheStoreHoldsNewerEventsOfIsLoadedFromTheStore() {
        var model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class);
        var fresh = new AggregateCacheEntry<>(EventSourcedAggregate.initialize(new Counter(), model, null,
                (org.axonframework.eventsourcing.SnapshotTrigger) null));
        cache.put("ctr_1", fresh);
        assertThat(cache.<String, Object>get("ctr_1")).as("the store holds nothing newer").isSameAs(fresh);

        store.put("ctr_1", 0L);

        assertThat(cache.<String, Object>get("ctr_1")).as("the store holds an event the entry lacks").isNull();
        assertThat(cache.containsKey("ctr_1")).isFalse();
    }

    static class Counter {
        @AggregateIdentifier
        String id;
    }

    private static void complete(int status) {
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, status);
    }
}
