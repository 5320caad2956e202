package dev.fairbill.refund;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.testsupport.EarlierStores;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.refund.incident.Incident;
import dev.fairbill.refund.refundcase.RefundCase;

/**
 * Streams written by earlier versions of this service still load: a store written by the load's traffic mix on the
 * version of 2026-12-04, before stored types had stable names (every type under its class name).
 */
@IntegrationTest
class EarlierStoresIT {

    private static final String BEFORE_STABLE_NAMES = "stores/2026-12-04-class-names/refund";
    private static final String SAGA_RENAMES = "db/migration/V143__sagas_under_stable_names.sql";

    @Autowired ApplicationContext service;

    @Test
    void aStoreWrittenBeforeStoredTypesHadStableNamesStillLoadsAndProjects() throws Exception {
        var store = EarlierStores.of(service);
        long loaded = store.load(BEFORE_STABLE_NAMES);
        // the migration that renamed running sagas ran before these rows were loaded: as after an upgrade, again
        JdbcClient.create(service.getBean(DataSource.class)).sql(new ClassPathResource(SAGA_RENAMES)
                .getContentAsString(StandardCharsets.UTF_8)).update();
        store.assertEverythingLoads(loaded, Map.of("Incident", Incident.class, "RefundCase", RefundCase.class));
        store.assertEverythingProjects(List.of("refund_cases"));
    }
}
