package dev.fairbill.ledger;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.fairbill.ledger.ledger.CreditLedger;
import dev.fairbill.platform.testsupport.EarlierStores;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * Streams written by earlier versions of this service still load: a store written by the load's traffic mix on the
 * version of 2026-12-04, before stored types had stable names (every type under its class name).
 */
@IntegrationTest
class EarlierStoresIT {

    private static final String BEFORE_STABLE_NAMES = "stores/2026-12-04-class-names/ledger";

    @Autowired ApplicationContext service;

    @Test
    void aStoreWrittenBeforeStoredTypesHadStableNamesStillLoadsAndProjects() {
        var store = EarlierStores.of(service);
        long loaded = store.load(BEFORE_STABLE_NAMES);

        store.assertEverythingLoads(loaded, Map.of("CreditLedger", CreditLedger.class));
        store.assertEverythingProjects(List.of("ledgers", "ledger_lots"));
    }
}
