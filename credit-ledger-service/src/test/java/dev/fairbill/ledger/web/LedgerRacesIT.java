package dev.fairbill.ledger.web;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.fairbill.ledger.messaging.BillingFacts;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.ParallelCalls;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests racing on one ledger's last credits or cash: each outcome is exact, whatever the order. */
@IntegrationTest
class LedgerRacesIT {

    private static final String TENANT = "panel";
    private static final int PARALLEL = 8;

    @LocalServerPort int port;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** Held credits are reserved: consumptions racing the capture of a hold on the last credits all fail. */
    @Test
    void consumptionsRacingTheCaptureOfAHoldOnTheLastCreditsAreRefused() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 10, \"source\": \"GOODWILL\"}").status()).isEqualTo(201);
        String hold = json.readTree(post(account, "/holds", "{\"amount\": 6, \"reference\": \"render\"}").body())
                .get("id").asString();

        List<ApiClient.Response> answers = ParallelCalls.run(PARALLEL, i -> i == 0
                ? post(account, "/holds/" + hold + "/capture", "{}")
                : post(account, "/consumptions", "{\"amount\": 5, \"reference\": \"job-" + i + "\"}"));

        assertThat(answers.getFirst().status()).as(answers.getFirst().body()).isEqualTo(200);
        assertThat(json.readTree(answers.getFirst().body()).get("status").asString()).isEqualTo("CAPTURED");
        assertThat(answers.subList(1, PARALLEL)).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("insufficient-credits");
        });
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(4);
    }

    @Test
    void parallelWithdrawalsOfTheWholeCashBalancePayOutOnce() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 100, \"source\": \"REFUND_BALANCE\", \"unit\": \"EUR\","
                + " \"chargeId\": \"ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4\"}").status()).isEqualTo(201);

        List<ApiClient.Response> answers = ParallelCalls.run(PARALLEL, i -> post(account, "/withdrawals",
                "{\"amount\": {\"amount\": 100, \"currency\": \"EUR\"}}"));

        assertThat(answers).filteredOn(answer -> answer.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() != 202).hasSize(PARALLEL - 1)
                .allSatisfy(refused -> {
                    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                    assertThat(refused.body()).contains("insufficient-balance");
                });
        assertThat(ledger(account).get("cashBalances").findValues("amount"))
                .allSatisfy(amount -> assertThat(amount.asLong()).isZero());
    }

    private ApiClient.Response post(String account, String subPath, String body) {
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin(TENANT)));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.send("POST", "/api/v1/ledgers/" + account + subPath, body, headers);
    }

    private JsonNode ledger(String account) {
        return json.readTree(api.get("/api/v1/ledgers/" + account, bearer(TestJwts.readOnly(TENANT))).body());
    }

    private String openedAccount() {
        String account = BillingFacts.newAccountId();
        BillingFacts.accountOpened(account, TENANT, "CUSTOMER", null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> api.get(
                "/api/v1/ledgers/" + account, bearer(TestJwts.readOnly(TENANT))).status() == 200);
        return account;
    }
}
