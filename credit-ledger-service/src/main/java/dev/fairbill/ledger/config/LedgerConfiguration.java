package dev.fairbill.ledger.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.ledger.domain.LedgerSettings;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSettings.class)
public class LedgerConfiguration {

    /** A busy account's ledger loads from its latest snapshot plus at most this many events. */
    @Bean
    SnapshotTriggerDefinition creditLedgerSnapshotTrigger(Snapshotter snapshotter, LedgerSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotThreshold());
    }
}
