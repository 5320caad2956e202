package dev.fairbill.ledger.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.ledger.ledger.LedgerSettings;
import dev.fairbill.ledger.query.JournalProjection;
import dev.fairbill.platform.axon.TransactionScopedLockFactory;
import dev.fairbill.platform.axon.TransactionalAggregateCache;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSettings.class)
public class LedgerConfiguration {

    /**
     * Ledgers loaded recently stay in memory, so a busy account's next command neither loads its snapshot nor replays
     * its events ({@code fairbill.ledger.aggregate-cache-size} of them at most, 0 for none; ADR 0026).
     */
    @Bean
    Cache creditLedgerCache(@Value("${fairbill.ledger.aggregate-cache-size:10000}") int size,
                            TransactionalAggregateCache.StoredVersions stored) {
        return size == 0 ? NoCache.INSTANCE : new TransactionalAggregateCache(size, stored);
    }

    /**
     * A ledger stays locked until the transaction that commanded it has ended, also when that transaction is longer
     * than the command: a request with its Idempotency-Key, a Kafka message with its inbox row.
     */
    @Bean
    LockFactory creditLedgerLocks() {
        return new TransactionScopedLockFactory();
    }

    /** A busy account's ledger loads from its latest snapshot plus at most this many events. */
    @Bean
    SnapshotTriggerDefinition creditLedgerSnapshotTrigger(Snapshotter snapshotter, LedgerSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotThreshold());
    }

    /**
     * The journal asks its dead-letter queue whether an event's ledger has a parked event before handling it; with
     * this cache that is a lookup in memory while the queue holds nothing for the ledger, instead of a query per
     * event (a rebuild replays the whole store). Safe because a segment is processed by one instance at a time.
     */
    @Bean
    ConfigurerModule journalDeadLetterCache() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDeadLetteringEventHandlerInvokerConfiguration(JournalProjection.PROCESSING_GROUP,
                        (configuration, invoker) -> invoker.enableSequenceIdentifierCache()));
    }
}
