package dev.fairbill.refund;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static dev.fairbill.platform.testsupport.fuzz.RequestFuzzer.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import dev.fairbill.platform.testsupport.fuzz.RequestFuzzer;
import dev.fairbill.refund.web.BillingFacts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile variants of every refund-service write endpoint: nothing answers 5xx, nothing invalid is accepted, and a
 * refused request stores no event. Other tenants' cases, charges and accounts are as unknown as ones that do not
 * exist.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String TENANT = "panel";
    private static final String OTHER = "studio";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired ApplicationContext service;
    @Autowired JdbcClient jdbc;
    private ApiClient api;
    private RequestFuzzer fuzzer;
    private final Map<String, String> closedAfterwards = new HashMap<>();

    @BeforeAll
    void fixtures() {
        api = new ApiClient("http://localhost:" + port);
        String account = BillingFacts.id("acct_");
        String foreignAccount = BillingFacts.id("acct_");
        String charge = capturedCharge(TENANT, account);
        String previewed = capturedCharge(TENANT, account);
        String foreignCharge = capturedCharge(OTHER, foreignAccount);
        subscriptionToMonthly(account, capturedCharge(TENANT, account));
        String reviewed = openCase(account, capturedCharge(TENANT, account), "ADMIN_OVERCHARGE");
        String rejected = openCase(account, capturedCharge(TENANT, account), "ADMIN_OVERCHARGE");
        String evidenced = openCase(account, capturedCharge(TENANT, account), "ADMIN_OVERCHARGE");
        String remedied = openCase(account, capturedCharge(TENANT, account), "FAILED_ACTIVATION");
        String foreignCase = openCase(OTHER, foreignAccount, foreignCharge, "DUPLICATE_CHARGE");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "EXECUTING".equals(
                JSON.readTree(api.get("/api/v1/refund-requests/" + remedied, bearer(TestJwts.readOnly(TENANT)))
                        .body()).get("status").asString()));
        String cases = "/api/v1/refund-requests/";
        String ongoing = "/api/v1/incidents/" + ongoingIncident(TENANT) + "/close";
        String foreignOngoing = "/api/v1/incidents/" + ongoingIncident(OTHER) + "/close";
        closedAfterwards.put(ongoing, TENANT);
        closedAfterwards.put(foreignOngoing, OTHER);

        fuzzer = new RequestFuzzer(service, api, this::storedEvents, bearer(TestJwts.admin(TENANT)))
                .endpoint("POST /api/v1/refund-requests", "/api/v1/refund-requests", """
                        {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE",
                         "amount": {"amount": 300, "currency": "EUR"}, "explanation": "charged twice the rate",
                         "evidence": [{"kind": "ORDER_DETAILS", "reference": "order 7"}]}"""
                        .formatted(account, charge),
                        refused("another tenant's charge", "/api/v1/refund-requests",
                                request(account, foreignCharge)),
                        refused("another account's charge", "/api/v1/refund-requests",
                                request(foreignAccount, charge)),
                        refused("a charge in another currency", "/api/v1/refund-requests", """
                                {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE",
                                 "amount": {"amount": 300, "currency": "USD"}}""".formatted(account, charge)),
                        refused("two targets", "/api/v1/refund-requests", """
                                {"accountId": "%s", "chargeId": "%s", "purchaseId": "pur_01JDQ8Z3V5G7N2K4M6P8R0T2W4",
                                 "reason": "ADMIN_OVERCHARGE"}""".formatted(account, charge)))
                .endpoint("POST /api/v1/refund-requests/preview", "/api/v1/refund-requests/preview",
                        request(account, previewed),
                        refused("another tenant's charge", "/api/v1/refund-requests/preview",
                                request(account, foreignCharge)))
                .endpoint("POST /api/v1/refund-requests/{caseId}/approve", cases + reviewed + "/approve", """
                        {"amount": {"amount": 400, "currency": "EUR"}, "destination": "ACCOUNT_BALANCE",
                         "note": "overcharged"}""",
                        refused("another tenant's case", cases + foreignCase + "/approve", "{\"note\": \"x\"}"),
                        refused("more than refundable", cases + reviewed + "/approve",
                                "{\"amount\": {\"amount\": 1001, \"currency\": \"EUR\"}, \"note\": \"x\"}"),
                        refused("another currency", cases + reviewed + "/approve",
                                "{\"amount\": {\"amount\": 100, \"currency\": \"USD\"}, \"note\": \"x\"}"),
                        refused("a remedy and money", cases + reviewed + "/approve", """
                                {"amount": {"amount": 100, "currency": "EUR"}, "note": "x",
                                 "remedy": {"kind": "SERVICE_CREDIT", "credits": 10}}"""),
                        refused("service credits without their number", cases + reviewed + "/approve",
                                "{\"remedy\": {\"kind\": \"SERVICE_CREDIT\"}, \"note\": \"x\"}"),
                        refused("a refill of a charge", cases + reviewed + "/approve",
                                "{\"remedy\": {\"kind\": \"REFILL\", \"credits\": 5}, \"note\": \"x\"}"),
                        refused("a remedy kind by its ordinal", cases + reviewed + "/approve",
                                "{\"remedy\": {\"kind\": 1, \"credits\": 5}, \"note\": \"x\"}"))
                .endpoint("POST /api/v1/refund-requests/{caseId}/reject", cases + rejected + "/reject",
                        "{\"note\": \"charged correctly\"}",
                        refused("another tenant's case", cases + foreignCase + "/reject", "{\"note\": \"x\"}"))
                .endpoint("POST /api/v1/refund-requests/{caseId}/evidence", cases + evidenced + "/evidence",
                        "{\"kind\": \"SUPPORT_TICKET\", \"reference\": \"T-1\"}",
                        refused("another tenant's case", cases + foreignCase + "/evidence",
                                "{\"kind\": \"SUPPORT_TICKET\"}"))
                .endpoint("POST /api/v1/refund-requests/{caseId}/remedy/complete",
                        cases + remedied + "/remedy/complete", "{\"note\": \"activated by support\"}",
                        refused("another tenant's case", cases + foreignCase + "/remedy/complete",
                                "{\"note\": \"x\"}"),
                        refused("a case without a remedy", cases + evidenced + "/remedy/complete",
                                "{\"note\": \"x\"}"))
                .endpoint("POST /api/v1/incidents", "/api/v1/incidents", """
                        {"startedAt": "2026-11-20T08:00:00Z", "endedAt": "2026-11-20T09:00:00Z",
                         "scope": "monthly", "description": "database outage"}""",
                        refused("an unknown scope", "/api/v1/incidents", """
                                {"startedAt": "2026-11-20T08:00:00Z", "endedAt": "2026-11-20T09:00:00Z",
                                 "scope": "platinum", "description": "x"}"""),
                        refused("an end before the start", "/api/v1/incidents", """
                                {"startedAt": "2026-11-20T08:00:00Z", "endedAt": "2026-11-20T07:00:00Z",
                                 "scope": "ALL", "description": "x"}"""),
                        refused("a start in the future", "/api/v1/incidents", """
                                {"startedAt": "2199-11-20T08:00:00Z", "endedAt": "2199-11-21T07:00:00Z",
                                 "scope": "ALL", "description": "x"}"""))
                .endpoint("POST /api/v1/incidents/{incidentId}/close", ongoing,
                        "{\"endedAt\": \"2026-11-22T09:00:00Z\"}",
                        refused("another tenant's incident", foreignOngoing, "{}"),
                        refused("an end before the start", ongoing, "{\"endedAt\": \"2026-11-22T07:00:00Z\"}"),
                        refused("an end in the future", ongoing, "{\"endedAt\": \"2199-11-22T07:00:00Z\"}"));
    }

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointRefusesHostileInputWithAProblemAndChangesNothing() {
        return fuzzer.tests();
    }

    @Test
    void everyWriteEndpointIsFuzzed() {
        fuzzer.coveredEndpointsAre();
    }

    /** The ongoing outages end with this class: other tests' outage requests would otherwise wait for them. */
    @AfterAll
    void closeTheOutages() {
        closedAfterwards.forEach((close, tenant) -> api.post(close, "{\"endedAt\": \"2026-11-22T09:00:00Z\"}",
                bearer(TestJwts.admin(tenant))));
    }

    /** An outage of the tenant still going on, which the close endpoint may end. */
    private String ongoingIncident(String tenant) {
        ApiClient.Response recorded = api.post("/api/v1/incidents", """
                {"startedAt": "2026-11-22T08:00:00Z", "scope": "ALL", "description": "still down"}""",
                bearer(TestJwts.admin(tenant)));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return JSON.readTree(recorded.body()).get("id").asString();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    /** A charge of 1000 EUR refund-service has learnt of: its preview goes to review. */
    private String capturedCharge(String tenant, String account) {
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured(tenant, account, charge, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                post(tenant, "/api/v1/refund-requests/preview", request(account, charge)).status() == 200);
        return charge;
    }

    private void subscriptionToMonthly(String account, String charge) {
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        BillingFacts.billing(SubscriptionStartedV1.TYPE, account, new SubscriptionStartedV1(BillingFacts.id("sub_"),
                account, TENANT, "monthly", "ACTIVE", start, start.plus(30, ChronoUnit.DAYS), 100, 0, null,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), null, charge, start));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM fact_subscriptions WHERE plan_id = 'monthly' AND tenant = ?").param(TENANT)
                .query(Long.class).single() > 0);
    }

    private String openCase(String account, String charge, String reason) {
        return openCase(TENANT, account, charge, reason);
    }

    private String openCase(String tenant, String account, String charge, String reason) {
        var opened = post(tenant, "/api/v1/refund-requests", """
                {"accountId": "%s", "chargeId": "%s", "reason": "%s"}""".formatted(account, charge, reason));
        if (opened.status() != 201) {
            throw new IllegalStateException(opened.body());
        }
        return JSON.readTree(opened.body()).get("id").asString();
    }

    private ApiClient.Response post(String tenant, String path, String body) {
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin(tenant)));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.send("POST", path, body, headers);
    }

    private static String request(String account, String charge) {
        return """
                {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE"}""".formatted(account, charge);
    }
}
