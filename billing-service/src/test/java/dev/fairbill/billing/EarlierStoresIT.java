package dev.fairbill.billing;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.fairbill.billing.account.Account;
import dev.fairbill.billing.charge.Charge;
import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.purchase.Purchase;
import dev.fairbill.billing.subscription.Subscription;
import dev.fairbill.platform.testsupport.EarlierStores;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * Streams written by earlier versions of this service still load: a store written by the load's traffic mix on the
 * version of 2026-12-04, before stored types had stable names (every type under its class name).
 */
@IntegrationTest
class EarlierStoresIT {

    private static final String BEFORE_STABLE_NAMES = "stores/2026-12-04-class-names/billing";

    @Autowired ApplicationContext service;

    @Test
    void aStoreWrittenBeforeStoredTypesHadStableNamesStillLoadsAndProjects() {
        var store = EarlierStores.of(service);
        long loaded = store.load(BEFORE_STABLE_NAMES);

        store.assertEverythingLoads(loaded, Map.of("Account", Account.class, "Charge", Charge.class,
                "Dispute", Dispute.class, "Purchase", Purchase.class, "Subscription", Subscription.class));
        store.assertEverythingProjects(List.of("accounts", "charges", "subscriptions"));
    }
}
