package dev.fairbill.ledger.ledger;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.springboot.TimeoutProperties;
import org.springframework.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.ledger.messaging.BillingFacts;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.json.JsonMapper;

/**
 * A busy ledger is snapshotted every {@code snapshot-threshold} events and loads from the snapshot with the same
 * state: lots, consumption order and operation ids survive.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.ledger.snapshot-threshold=5")
class LedgerSnapshotIT {

    private static final String TENANT = "chat";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aLedgerLoadedFromItsSnapshotKeepsItsLotsAndOperations() {
        var api = new ApiClient("http://localhost:" + port);
        var admin = new java.util.HashMap<>(bearer(TestJwts.admin(TENANT)));
        String account = BillingFacts.newAccountId();
        BillingFacts.accountOpened(account, TENANT, "CUSTOMER", null);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/ledgers/" + account, admin).status() == 200);
        String path = "/api/v1/ledgers/" + account;
        api.post(path + "/grants", "{\"amount\": 100, \"source\": \"GOODWILL\"}", admin);
        api.post(path + "/grants", "{\"amount\": 100, \"source\": \"ADJUSTMENT\"}", admin);
        admin.put("Idempotency-Key", "first-job");
        assertThat(api.post(path + "/consumptions", "{\"amount\": 3, \"reference\": \"job-0\"}", admin).status())
                .isEqualTo(201);
        admin.remove("Idempotency-Key");
        for (int i = 1; i <= 8; i++) {
            assertThat(api.post(path + "/consumptions", "{\"amount\": 3, \"reference\": \"job-" + i + "\"}", admin)
                    .status()).isEqualTo(201);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?").param(account)
                .query(Long.class).single() > 0);

        var consumed = json.readTree(api.post(path + "/consumptions", "{\"amount\": 80, \"reference\": \"big\"}",
                admin).body());

        assertThat(consumed.get("balanceAfter").asLong()).isEqualTo(200 - 27 - 80);
        assertThat(consumed.get("allocations")).hasSize(2);
        assertThat(consumed.get("allocations").get(0).get("amount").asLong()).isEqualTo(100 - 27);
        // the operation recorded before the snapshot is still known: the ledger applies it once (here: no change)
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_consumptions WHERE account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(10);
    }

    /**
     * Loading a ledger replays up to snapshot-threshold events; timing each replayed event's handler captured a stack
     * trace per event, most of a consumption's CPU (README, Benchmarks). Axon's unit-of-work timeouts are off too: they
     * interrupt the thread, and a leaked one later interrupted a Kafka consumer thread for good.
     */
    @Test
    void neitherReplayedEventsNorUnitsOfWorkAreTimedByAxon() {
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.getBeanNamesForType(TimeoutProperties.class)).isEmpty();
    }
}
