package dev.fairbill.ledger;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.EndpointLoad;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every ledger endpoint called at four times the connection pool at once, on a deliberately small pool: no call may
 * fail, hang or queue into the pool's timeout. Calls that change one hold or lot each get their own.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=" + EveryEndpointInParallelIT.POOL,
        "spring.datasource.hikari.connection-timeout=5000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryEndpointInParallelIT {

    static final int POOL = 3;
    private static final int CALLS = 4 * POOL;
    private static final String TENANT = "panel";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EndpointLoad load = new EndpointLoad(CALLS);
    @LocalServerPort int port;
    @Autowired ApplicationContext service;
    private ApiClient api;
    private LedgerTestApi ledgers;
    private String customer;
    private String reseller;
    private String subReseller;
    private final Map<String, List<String>> fixtures = new HashMap<>();

    @BeforeAll
    void fixtures() {
        ledgers = new LedgerTestApi(port, TENANT);
        api = ledgers.http();
        customer = openedAccount("CUSTOMER", null);
        reseller = openedAccount("RESELLER", null);
        subReseller = openedAccount("SUB_RESELLER", reseller);
        created(customer, "/grants", "{\"amount\": 100000, \"source\": \"GOODWILL\"}");
        created(reseller, "/grants", "{\"amount\": 100000, \"source\": \"ADJUSTMENT\"}");
        ledgers.cashBalance(customer, 100000);
        fixtures.put("lot", load.oneEach(i -> created(customer, "/grants",
                "{\"amount\": 10, \"source\": \"GOODWILL\"}")));
        fixtures.put("hold", load.oneEach(i -> hold("held")));
        fixtures.put("capturable", load.oneEach(i -> hold("captured")));
        fixtures.put("releasable", load.oneEach(i -> hold("released")));
        fixtures.put("withdrawal", load.oneEach(i -> created(customer, "/withdrawals",
                "{\"amount\": {\"amount\": 10, \"currency\": \"EUR\"}}")));
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryParallelCall() {
        return endpoints().tests();
    }

    @Test
    void everyEndpointIsCalled() {
        endpoints().coveredEndpointsAre(service);
    }

    private EndpointLoad endpoints() {
        Map<String, String> read = bearer(TestJwts.readOnly(TENANT));
        String ledger = "/api/v1/ledgers/" + customer;
        return load
                .endpoint("GET /api/v1/ledgers/{accountId}", i -> api.get(ledger, read), 200)
                .endpoint("GET /api/v1/ledgers/{accountId}/entries", i -> api.get(ledger + "/entries", read), 200)
                .endpoint("GET /api/v1/ledgers/{accountId}/lots/{lotId}",
                        i -> api.get(ledger + "/lots/" + fixture("lot", i), read), 200)
                .endpoint("GET /api/v1/ledgers/{accountId}/holds/{holdId}",
                        i -> api.get(ledger + "/holds/" + fixture("hold", i), read), 200)
                .endpoint("GET /api/v1/ledgers/{accountId}/withdrawals/{withdrawalId}",
                        i -> api.get(ledger + "/withdrawals/" + fixture("withdrawal", i), read), 200)
                .endpoint("GET /api/v1/journal/check", i -> api.get("/api/v1/journal/check", read), 200)
                .endpoint("GET /api/v1/audit", i -> api.get("/api/v1/audit?resource=" + customer, read), 200)
                .endpoint("POST /api/v1/ledgers/{accountId}/grants",
                        i -> post(customer, "/grants", "{\"amount\": 3, \"source\": \"SERVICE_CREDIT\"}"), 201)
                .endpoint("POST /api/v1/ledgers/{accountId}/consumptions",
                        i -> post(customer, "/consumptions", "{\"amount\": 2, \"reference\": \"job-" + i + "\"}"), 201)
                .endpoint("POST /api/v1/ledgers/{accountId}/holds",
                        i -> post(customer, "/holds", "{\"amount\": 2, \"reference\": \"render-" + i + "\"}"), 201)
                .endpoint("POST /api/v1/ledgers/{accountId}/holds/{holdId}/capture",
                        i -> post(customer, "/holds/" + fixture("capturable", i) + "/capture", "{}"), 200)
                .endpoint("POST /api/v1/ledgers/{accountId}/holds/{holdId}/release",
                        i -> post(customer, "/holds/" + fixture("releasable", i) + "/release", null), 200)
                .endpoint("POST /api/v1/ledgers/{accountId}/lots/{lotId}/void",
                        i -> post(customer, "/lots/" + fixture("lot", i) + "/void", "{\"reason\": \"by mistake\"}"),
                        200)
                .endpoint("POST /api/v1/ledgers/{accountId}/withdrawals", i -> post(customer, "/withdrawals",
                        "{\"amount\": {\"amount\": 5, \"currency\": \"EUR\"}}"), 202)
                .endpoint("POST /api/v1/ledgers/{accountId}/transfers", i -> post(reseller, "/transfers",
                        "{\"toAccountId\": \"" + subReseller + "\", \"amount\": 7}"), 201);
    }

    private ApiClient.Response post(String account, String subPath, String body) {
        return ledgers.post(account, subPath, body);
    }

    private String created(String account, String subPath, String body) {
        ApiClient.Response response = post(account, subPath, body);
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private String hold(String reference) {
        return created(customer, "/holds", "{\"amount\": 5, \"reference\": \"" + reference + "\"}");
    }

    private String openedAccount(String role, String parent) {
        return ledgers.openedAccount(role, parent);
    }

    private String fixture(String kind, int i) {
        return fixtures.get(kind).get(i);
    }
}
