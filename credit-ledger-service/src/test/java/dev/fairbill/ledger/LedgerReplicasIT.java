package dev.fairbill.ledger;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import dev.fairbill.ledger.messaging.BillingFacts;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;
import dev.fairbill.platform.testsupport.Replicas;
import dev.fairbill.platform.testsupport.TestJwts;

/**
 * Two replicas of the ledger on one database. The journal, the transfer deliveries and the Kafka publisher share their
 * segments (two each); holds placed through either replica time out on their persistent deadlines exactly once,
 * whichever replica's scheduler runs them; the journal stays balanced; when one replica stops the other holds every
 * segment and finishes the work.
 */
class LedgerReplicasIT {

    private static final List<String> TRACKING = List.of("ledger-journal", "transfer-delivery", "kafka-publisher");
    private static final String TENANT = "panel";
    private static final int LEDGERS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void holdsPlacedThroughEitherReplicaTimeOutOnceAndTheJournalStaysBalanced() {
        String database = FairbillTestEnvironment.newDatabase();
        var a = Replicas.start(LedgerApplication.class, database, "ledger-a");
        var b = Replicas.start(LedgerApplication.class, database, "ledger-b");
        try {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            Replicas.awaitSegments(jdbc, TRACKING, Map.of("ledger-a", 2L, "ledger-b", 2L));
            List<ApiClient> replicas = List.of(api(a), api(b));

            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < LEDGERS; i++) {
                String account = BillingFacts.newAccountId();
                BillingFacts.accountOpened(account, TENANT, "CUSTOMER", null);
                accounts.add(account);
            }
            for (int i = 0; i < LEDGERS; i++) {
                ApiClient api = replicas.get(i % 2);
                String path = "/api/v1/ledgers/" + accounts.get(i);
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> api.get(path, admin()).status() == 200);
                ApiClient.Response granted = api.post(path + "/grants", "{\"amount\": 40, \"source\": \"GOODWILL\"}",
                        admin());
                assertThat(granted.status()).as(granted.body()).isEqualTo(201);
                assertThat(replicas.get((i + 1) % 2).post(path + "/holds",
                        "{\"amount\": 30, \"reference\": \"job-" + i + "\", \"expiresIn\": \"PT3S\"}", admin())
                        .status()).isEqualTo(201);
            }

            // one replica stops before the holds are due: the other runs their deadlines and takes the segments
            b.close();
            Replicas.awaitSegments(jdbc, TRACKING, Map.of("ledger-a", 4L));
            Awaitility.await("every hold timed out once").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(Replicas.perAggregate(jdbc, "ledger.HoldReleased")).containsOnlyKeys(accounts)
                            .allSatisfy((ledger, released) -> assertThat(released).isOne()));
            ApiClient survivor = replicas.getFirst();
            accounts.forEach(account -> assertThat(JSON.readTree(survivor.get("/api/v1/ledgers/" + account, admin())
                    .body()).get("balance").asLong()).as(account).isEqualTo(40));
            Awaitility.await("the journal has every posting").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(JSON.readTree(survivor.get("/api/v1/journal/check", admin()).body())
                            .get("balanced").asBoolean()).isTrue());
            assertThat(Replicas.perAggregate(jdbc, "ledger.LedgerOpened")).as("each fact opened one ledger")
                    .containsOnlyKeys(accounts).allSatisfy((ledger, opened) -> assertThat(opened).isOne());
        } finally {
            b.close();
            a.close();
        }
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient("http://localhost:" + Replicas.port(context));
    }

    private static Map<String, String> admin() {
        return bearer(TestJwts.admin(TENANT));
    }
}
