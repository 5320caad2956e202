package dev.fairbill.refund;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
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
import dev.fairbill.refund.web.BillingFacts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refund-service endpoint called at four times the connection pool at once, on a deliberately small pool: no
 * call may fail, hang or queue into the pool's timeout. Each call that decides or changes a case gets its own case,
 * opened for a charge of its own.
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
    private final Map<String, List<String>> fixtures = new HashMap<>();
    private final Map<String, String> accounts = new HashMap<>();

    @BeforeAll
    void fixtures() {
        api = new ApiClient("http://localhost:" + port);
        fixtures.put("incident", load.oneEach(i -> created("/api/v1/incidents", """
                {"startedAt": "2026-11-20T08:00:00Z", "endedAt": "2026-11-20T09:00:00Z", "scope": "ALL",
                 "description": "outage %d"}""".formatted(i))));
        fixtures.put("ongoing", load.oneEach(i -> created("/api/v1/incidents", """
                {"startedAt": "2026-11-22T08:00:00Z", "scope": "ALL", "description": "ongoing outage %d"}"""
                .formatted(i))));
        fixtures.put("charge", load.oneEach(i -> capturedCharge()));
        fixtures.put("reviewed", load.oneEach(i -> openCase(capturedCharge(), "ADMIN_OVERCHARGE")));
        fixtures.put("rejected", load.oneEach(i -> openCase(capturedCharge(), "ADMIN_OVERCHARGE")));
        fixtures.put("evidenced", load.oneEach(i -> openCase(capturedCharge(), "ADMIN_OVERCHARGE")));
        fixtures.put("remedied", load.oneEach(i -> openCase(capturedCharge(), "FAILED_ACTIVATION")));
        fixtures.get("remedied").forEach(caseId -> Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "EXECUTING".equals(refundCase(caseId).get("status").asString())));
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
        return load
                .endpoint("GET /api/v1/policies", i -> api.get("/api/v1/policies", read), 200)
                .endpoint("GET /api/v1/policies/{policyId}",
                        i -> api.get("/api/v1/policies/final-sale-reseller", read), 200)
                .endpoint("POST /api/v1/incidents", i -> post("/api/v1/incidents", """
                        {"startedAt": "2026-11-21T08:00:00Z", "endedAt": "2026-11-21T09:00:00Z", "scope": "ALL",
                         "description": "parallel outage %d"}""".formatted(i)), 201)
                .endpoint("GET /api/v1/incidents/{incidentId}",
                        i -> api.get("/api/v1/incidents/" + fixture("incident", i), read), 200)
                .endpoint("GET /api/v1/incidents", i -> api.get("/api/v1/incidents", read), 200)
                .endpoint("POST /api/v1/incidents/{incidentId}/close",
                        i -> post("/api/v1/incidents/" + fixture("ongoing", i) + "/close", "{}"), 200)
                .endpoint("GET /api/v1/audit",
                        i -> api.get("/api/v1/audit?resource=" + fixture("reviewed", i), read), 200)
                .endpoint("POST /api/v1/refund-requests/preview", i -> post("/api/v1/refund-requests/preview",
                        request(fixture("charge", i), "ADMIN_OVERCHARGE")), 200)
                .endpoint("POST /api/v1/refund-requests", i -> post("/api/v1/refund-requests",
                        request(fixture("charge", i), "ADMIN_OVERCHARGE")), 201)
                .endpoint("GET /api/v1/refund-requests/{caseId}",
                        i -> api.get("/api/v1/refund-requests/" + fixture("reviewed", i), read), 200)
                .endpoint("GET /api/v1/refund-requests",
                        i -> api.get("/api/v1/refund-requests?status=IN_REVIEW", read), 200)
                .endpoint("POST /api/v1/refund-requests/{caseId}/evidence", i -> post("/api/v1/refund-requests/"
                        + fixture("evidenced", i) + "/evidence", "{\"kind\": \"SUPPORT_TICKET\", \"reference\": "
                        + "\"T-" + i + "\"}"), 200)
                .endpoint("POST /api/v1/refund-requests/{caseId}/approve", i -> post("/api/v1/refund-requests/"
                        + fixture("reviewed", i) + "/approve", "{\"note\": \"overcharged\"}"), 200)
                .endpoint("POST /api/v1/refund-requests/{caseId}/reject", i -> post("/api/v1/refund-requests/"
                        + fixture("rejected", i) + "/reject", "{\"note\": \"charged correctly\"}"), 200)
                .endpoint("POST /api/v1/refund-requests/{caseId}/remedy/complete",
                        i -> post("/api/v1/refund-requests/" + fixture("remedied", i) + "/remedy/complete",
                                "{\"note\": \"activated by support\"}"), 200);
    }

    /** A charge of its own account, known to refund-service once the preview can see it. */
    private String capturedCharge() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured(TENANT, account, charge, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        accounts.put(charge, account);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(post("/api/v1/refund-requests/preview",
                        request(charge, "ADMIN_OVERCHARGE")).body()).path("decision").path("outcome").asString("")
                        .equals("NEEDS_REVIEW"));
        return charge;
    }

    private String openCase(String charge, String reason) {
        return created("/api/v1/refund-requests", request(charge, reason));
    }

    private String request(String charge, String reason) {
        return """
                {"accountId": "%s", "chargeId": "%s", "reason": "%s"}""".formatted(accounts.get(charge), charge,
                reason);
    }

    private JsonNode refundCase(String caseId) {
        return JSON.readTree(api.get("/api/v1/refund-requests/" + caseId, bearer(TestJwts.readOnly(TENANT))).body());
    }

    private ApiClient.Response post(String path, String body) {
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin(TENANT)));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.send("POST", path, body, headers);
    }

    private String created(String path, String body) {
        ApiClient.Response response = post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private String fixture(String kind, int i) {
        return fixtures.get(kind).get(i);
    }
}
