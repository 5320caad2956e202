package dev.fairbill.billing;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.BillingApi.created;
import static dev.fairbill.billing.webhook.WebhookTestSupport.adyenNotification;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.EndpointLoad;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;

/**
 * Every billing endpoint called at four times the connection pool at once, on a deliberately small pool: no call may
 * fail, hang or queue into the pool's timeout, because no request holds one pooled connection while it waits for
 * another.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=" + EveryEndpointInParallelIT.POOL,
        "spring.datasource.hikari.connection-timeout=5000",
        "fairbill.billing.sandbox.latency=0ms",
        // one webhook endpoint per parallel call, created and deleted
        "fairbill.merchant-webhooks.max-endpoints=1000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryEndpointInParallelIT {

    static final int POOL = 3;
    private static final int CALLS = 4 * POOL;
    private static final String TENANT = "studio";

    private final EndpointLoad load = new EndpointLoad(CALLS);
    @LocalServerPort int port;
    @Autowired ApplicationContext service;
    private BillingApi api;
    private final Map<String, List<String>> fixtures = new HashMap<>();

    @BeforeAll
    void fixtures() {
        api = new BillingApi(port);
        List<String> accounts = load.oneEach(i -> api.openCustomer(TENANT, "parallel-" + i));
        fixtures.put("account", accounts);
        fixtures.put("subscription", load.oneEach(i -> subscribe(accounts.get(i))));
        fixtures.put("scheduled", load.oneEach(i -> {
            String subscription = subscribe(accounts.get(i));
            api.post("/api/v1/subscriptions/" + subscription + "/cancel", "{\"mode\": \"END_OF_PERIOD\"}",
                    admin(TENANT));
            return subscription;
        }));
        List<JsonNode> charges = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            charges.add(created(api.post("/api/v1/charges", charge(accounts.get(i), "fixture " + i),
                    admin(TENANT))));
        }
        fixtures.put("charge", charges.stream().map(charge -> charge.get("id").asString()).toList());
        fixtures.put("processorCharge", charges.stream().map(c -> c.get("processorChargeId").asString()).toList());
        fixtures.put("purchase", load.oneEach(i -> created(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "followers-2000", "paymentMethod": "pm_card_ok"}"""
                .formatted(accounts.get(i)), admin(TENANT))).get("id").asString()));
        String disputed = charges.getFirst().get("processorChargeId").asString();
        String disputeId = "du_" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", disputeId, disputed,
                "needs_response", now);
        api.send("POST", "/webhooks/stripe/" + TENANT, event, Map.of("Stripe-Signature",
                stripeSignature(TENANT, event, now)));
        fixtures.put("dispute", List.of(Dispute.idFor(TENANT, "stripe", disputeId).value()));
        fixtures.put("clock", load.oneEach(i -> created(api.post("/api/v1/test-clocks", """
                {"name": "parallel-%d"}""".formatted(i), BillingApi.testMode(TENANT))).get("id").asString()));
        fixtures.put("endpoint", load.oneEach(i -> created(api.post("/api/v1/webhook-endpoints", """
                {"url": "http://127.0.0.1:9/parallel-%d", "enabledEvents": ["charge.succeeded"]}""".formatted(i),
                admin(TENANT))).get("id").asString()));
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
                .endpoint("GET /api/v1/plans", i -> api.get("/api/v1/plans", read), 200)
                .endpoint("GET /api/v1/products", i -> api.get("/api/v1/products", read), 200)
                .endpoint("POST /api/v1/accounts", i -> post("/api/v1/accounts", """
                        {"externalRef": "opened-in-parallel-%d", "role": "CUSTOMER"}""".formatted(i)), 201)
                .endpoint("GET /api/v1/accounts/{accountId}",
                        i -> api.get("/api/v1/accounts/" + fixture("account", i), read), 200)
                .endpoint("GET /api/v1/accounts/{accountId}/timeline",
                        i -> api.get("/api/v1/accounts/" + fixture("account", i) + "/timeline", read), 200)
                .endpoint("GET /api/v1/audit",
                        i -> api.get("/api/v1/audit?resource=" + fixture("charge", i), read), 200)
                .endpoint("POST /api/v1/subscriptions", i -> post("/api/v1/subscriptions", """
                        {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}"""
                        .formatted(fixture("account", i))), 201)
                .endpoint("GET /api/v1/subscriptions/{subscriptionId}",
                        i -> api.get("/api/v1/subscriptions/" + fixture("subscription", i), read), 200)
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/plan", i -> post("/api/v1/subscriptions/"
                        + fixture("subscription", i) + "/plan", "{\"planId\": \"yearly\"}"), 200)
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/payment-method",
                        i -> post("/api/v1/subscriptions/" + fixture("subscription", i) + "/payment-method",
                                "{\"paymentMethod\": \"pm_card_refund_fails\"}"), 200)
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/cancellation/withdraw",
                        i -> post("/api/v1/subscriptions/" + fixture("scheduled", i) + "/cancellation/withdraw",
                                null), 200)
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/cancel", i -> post("/api/v1/subscriptions/"
                        + fixture("subscription", i) + "/cancel", "{\"mode\": \"IMMEDIATE\"}"), 200)
                .endpoint("POST /api/v1/charges",
                        i -> post("/api/v1/charges", charge(fixture("account", i), "parallel " + i)), 201)
                .endpoint("GET /api/v1/charges/{chargeId}",
                        i -> api.get("/api/v1/charges/" + fixture("charge", i), read), 200)
                .endpoint("GET /api/v1/charges",
                        i -> api.get("/api/v1/charges?accountId=" + fixture("account", i), read), 200)
                .endpoint("POST /api/v1/purchases", i -> post("/api/v1/purchases", """
                        {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok"}"""
                        .formatted(fixture("account", i))), 201)
                .endpoint("GET /api/v1/purchases/{purchaseId}",
                        i -> api.get("/api/v1/purchases/" + fixture("purchase", i), read), 200)
                .endpoint("POST /api/v1/purchases/{purchaseId}/fulfilment", i -> post("/api/v1/purchases/"
                        + fixture("purchase", i) + "/fulfilment", "{\"status\": \"IN_PROGRESS\", \"delivered\": 10}"),
                        200)
                .endpoint("GET /api/v1/disputes/{disputeId}",
                        i -> api.get("/api/v1/disputes/" + fixture("dispute", 0), read), 200)
                .endpoint("GET /api/v1/disputes/{disputeId}/evidence",
                        i -> api.get("/api/v1/disputes/" + fixture("dispute", 0) + "/evidence", read), 200)
                .endpoint("POST /api/v1/webhook-endpoints", i -> post("/api/v1/webhook-endpoints", """
                        {"url": "http://127.0.0.1:9/created-%d", "enabledEvents": ["*"]}""".formatted(i)), 201)
                .endpoint("GET /api/v1/webhook-endpoints", i -> api.get("/api/v1/webhook-endpoints", read), 200)
                .endpoint("GET /api/v1/webhook-endpoints/{endpointId}",
                        i -> api.get("/api/v1/webhook-endpoints/" + fixture("endpoint", i), read), 200)
                .endpoint("POST /api/v1/webhook-endpoints/{endpointId}/rotate-secret",
                        i -> post("/api/v1/webhook-endpoints/" + fixture("endpoint", 0) + "/rotate-secret", "{}"),
                        200)
                .endpoint("POST /api/v1/webhook-endpoints/{endpointId}/enable",
                        i -> post("/api/v1/webhook-endpoints/" + fixture("endpoint", 0) + "/enable", null), 200)
                .endpoint("GET /api/v1/webhook-endpoints/{endpointId}/deliveries",
                        i -> api.get("/api/v1/webhook-endpoints/" + fixture("endpoint", 0) + "/deliveries", read),
                        200)
                .endpoint("POST /api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/replay",
                        i -> post("/api/v1/webhook-endpoints/" + fixture("endpoint", 0)
                                + "/deliveries/whd_00000000000000000000000000/replay", null), 404)
                .endpoint("DELETE /api/v1/webhook-endpoints/{endpointId}",
                        i -> api.send("DELETE", "/api/v1/webhook-endpoints/" + fixture("endpoint", i), null,
                                admin(TENANT)), 204)
                .endpoint("POST /api/v1/test-clocks", i -> testMode("/api/v1/test-clocks", """
                        {"name": "created-%d"}""".formatted(i)), 201)
                .endpoint("GET /api/v1/test-clocks/{clockId}",
                        i -> api.get("/api/v1/test-clocks/" + fixture("clock", i), BillingApi.testMode(TENANT)), 200)
                .endpoint("POST /api/v1/test-clocks/{clockId}/advance",
                        i -> testMode("/api/v1/test-clocks/" + fixture("clock", i) + "/advance",
                                "{\"to\": \"%s\"}".formatted(Instant.now().plus(Duration.ofDays(40)))), 202)
                .endpoint("POST /webhooks/stripe/{tenant}", this::stripeDispute, 200)
                .endpoint("POST /webhooks/adyen/{tenant}", i -> api.post("/webhooks/adyen/" + TENANT,
                        adyenNotification(TENANT, "NOTIFICATION_OF_CHARGEBACK", "psp-" + UUID.randomUUID(),
                                fixture("processorCharge", i), "Pending", Instant.now()), Map.of()), 200);
    }

    private ApiClient.Response stripeDispute(int i) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), fixture("processorCharge", i), "needs_response", now);
        return api.send("POST", "/webhooks/stripe/" + TENANT, event,
                Map.of("Stripe-Signature", stripeSignature(TENANT, event, now)));
    }

    private ApiClient.Response testMode(String path, String body) {
        Map<String, String> headers = new HashMap<>(BillingApi.testMode(TENANT));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.send("POST", path, body, headers);
    }

    private ApiClient.Response post(String path, String body) {
        Map<String, String> headers = new HashMap<>(admin(TENANT));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.send("POST", path, body, headers);
    }

    private String subscribe(String account) {
        return created(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}""".formatted(account),
                admin(TENANT))).get("id").asString();
    }

    private static String charge(String account, String description) {
        return """
                {"accountId": "%s", "amount": {"amount": 700, "currency": "EUR"}, "description": "%s",
                 "paymentMethod": "pm_card_ok"}""".formatted(account, description);
    }

    private String fixture(String kind, int i) {
        return fixtures.get(kind).get(i);
    }
}
