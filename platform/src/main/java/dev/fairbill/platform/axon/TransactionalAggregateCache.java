package dev.fairbill.platform.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.fairbill.platform.collect.BoundedLruMap;

/**
 * A bounded cache of loaded aggregates, so a busy aggregate's command neither loads its snapshot nor replays its
 * events every time. The least recently used entry goes when the cache is full.
 *
 * <p>It only ever holds committed state. A command takes its aggregate's entry out of the cache while its transaction
 * runs, and the state it saves enters the cache when that transaction has committed; a rollback leaves nothing. This
 * matters when a command runs inside a longer transaction (a Kafka message applied with its inbox row): Axon releases
 * the aggregate's lock when the command's unit of work ends, before that transaction commits, and another command in
 * that window must neither see the uncommitted state nor keep it should the transaction roll back. That command loads
 * the committed state from the store instead, loses the append race if the first commits, and runs again. Should
 * another state of the same aggregate have entered the cache meanwhile, both are dropped and the next command loads
 * from the store.
 *
 * <p>Replicas of a service append to one event store, so another replica may have moved an aggregate on since its
 * state entered this cache. Each time an entry is taken, the store's last sequence number of the aggregate (one indexed
 * query in the command's transaction) must equal the entry's version; a stale entry is dropped and the aggregate loaded
 * from the store.
 */
public final class TransactionalAggregateCache implements Cache {

    /** The last sequence number the event store holds for an aggregate; empty when it holds none. */
    @FunctionalInterface
    public interface StoredVersions {
        OptionalLong latest(Object aggregateId);
    }

    private static final VarHandle ENTRY_VERSION = entryVersion();

    private final Map<Object, Object> entries;
    private final StoredVersions stored;

    /**
     * @param maxEntries how many aggregates it keeps at most
     * @param stored     the store's versions, against which an entry is checked each time it is taken
     */
    public TransactionalAggregateCache(int maxEntries, StoredVersions stored) {
        this.entries = new BoundedLruMap<>(maxEntries);
        this.stored = stored;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            // taken out while the transaction that loaded it runs; what it saves comes back when it commits
            entry = inTransaction() ? entries.remove(key) : entries.get(key);
        }
        if (entry instanceof AggregateCacheEntry<?> cached && !current(key, cached)) {
            synchronized (entries) {
                entries.remove(key, cached);
            }
            return null;
        }
        return (V) entry;
    }

    /** Whether the store holds no event of the aggregate beyond the cached state. */
    private boolean current(Object key, AggregateCacheEntry<?> cached) {
        Long version = (Long) ENTRY_VERSION.get(cached);
        OptionalLong latest = stored.latest(key);
        return latest.isEmpty() ? version == null : version != null && version == latest.getAsLong();
    }

    private static VarHandle entryVersion() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the version of Axon's cached aggregates", e);
        }
    }

    @Override
    public void put(Object key, Object value) {
        if (inTransaction()) {
            pendingInThisTransaction().put(key, value);
            return;
        }
        synchronized (entries) {
            if (value == null) {
                entries.remove(key);
            } else {
                entries.put(key, value);
            }
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public boolean remove(Object key) {
        if (inTransaction()) {
            pendingInThisTransaction().remove(key);
        }
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    /** Nobody listens to this cache's entries; a listener is accepted and never called. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static boolean inTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** The states this transaction saved, the last per aggregate, to enter the cache once it commits. */
    @SuppressWarnings("unchecked")
    private Map<Object, Object> pendingInThisTransaction() {
        Map<Object, Object> pending = (Map<Object, Object>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Map<Object, Object> saved = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(this, saved);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionalAggregateCache.this);
                    if (status == STATUS_COMMITTED) {
                        enter(saved);
                    }
                }
            });
            pending = saved;
        }
        return pending;
    }

    private void enter(Map<Object, Object> committed) {
        synchronized (entries) {
            committed.forEach((key, value) -> {
                if (entries.remove(key) == null && value != null) {
                    entries.put(key, value);
                }
            });
        }
    }
}
