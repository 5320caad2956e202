package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * refund-service's endpoints (docs/api.md) through the gateway of the running local stack, for each of the five fixture
 * tenants and its policy: billing's facts reach refund-service over Kafka, and the decision follows the tenant's
 * template.
 */
@ExtendWith(TestStacks.Shared.class)
class RefundsThroughGatewayIT {

    private static LocalStack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() throws IOException {
        stack = TestStacks.shared();
        gateway = new GatewayClient(stack.gatewayUrl());
    }


    /** final-sale-reseller §8: an admin overcharge goes to review; a reviewer key approves, a read-only key cannot. */
    @Test
    void panelSendsAnOverchargeToReviewAndAReviewerApprovesIt() {
        String account = gateway.openAccount("panel", "CUSTOMER", null);
        String charge = charge("panel", account, "setup fee");
        String body = request(account, "chargeId", charge, "ADMIN_OVERCHARGE");
        awaitPreview("panel", body, "NEEDS_REVIEW");

        JsonNode opened = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_panel", body));
        String id = opened.get("id").asString();
        assertThat(opened.get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(opened.get("reviewDueBy").asString()).isNotBlank();
        assertThat(gateway.ok(gateway.get("/api/v1/refund-requests?status=IN_REVIEW", "rk_test_panel"))
                .get("data").findValuesAsString("id")).contains(id);
        assertThat(gateway.post("/api/v1/refund-requests/" + id + "/approve", "rk_test_panel",
                "{\"note\": \"ok\"}").statusCode()).isEqualTo(403);
        assertThat(gateway.post("/api/v1/refund-requests", "rv_test_panel", body).statusCode())
                .as("a reviewer opens no cases").isEqualTo(403);

        JsonNode approved = gateway.ok(gateway.post("/api/v1/refund-requests/" + id + "/approve", "rv_test_panel",
                "{\"amount\": {\"amount\": 300, \"currency\": \"EUR\"}, \"note\": \"overcharged by 3 EUR\"}"));
        // the execution saga may already be paying it out
        assertThat(approved.get("status").asString()).isIn("APPROVED", "EXECUTING", "COMPLETED");
        JsonNode review = gateway.ok(gateway.get("/api/v1/refund-requests/" + id, "rk_test_panel")).get("review");
        assertThat(review.get("amount").get("amount").asLong()).isEqualTo(300);
        assertThat(review.get("reviewer").asString()).isEqualTo("key_panel_review");
        assertThat(gateway.get("/api/v1/refund-requests/" + id, "rk_test_studio").statusCode()).isEqualTo(404);
    }

    /**
     * final-sale-duplicates-refunded §4.3: a duplicate flagged by billing is reversed by the system itself
     * (SagasThroughGatewayIT follows
     * it to the end), so the customer's own claim finds nothing left to refund; incidents are recorded.
     */
    @Test
    void studioRefundsAFlaggedDuplicateAndRecordsIncidents() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        charge("studio", account, "500 credits");
        String duplicate = charge("studio", account, "500 credits");
        gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio", c -> !c.get("duplicateOf").isNull());

        JsonNode decision = awaitPreview("studio", request(account, "chargeId", duplicate, "DUPLICATE_CHARGE"),
                "DENIED");
        assertThat(decision.get("clause").asString()).isEqualTo("already-refunded");

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        gateway.created(gateway.post("/api/v1/incidents", "sk_test_studio", """
                {"startedAt": "%s", "endedAt": "%s", "scope": "ALL", "description": "API outage"}"""
                .formatted(now.minus(3, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS))));
        assertThat(gateway.ok(gateway.get("/api/v1/incidents", "rk_test_studio")).get("data")
                .findValuesAsString("description")).contains("API outage");
    }

    /**
     * exceptions-within-7-days part 3: fraud needs proof; without it the request is denied, with it it goes to review.
     */
    @Test
    void imagingDeniesFraudWithoutProofAndReviewsItWithProof() {
        String account = gateway.openAccount("imaging", "CUSTOMER", null);
        String charge = charge("imaging", account, "photo pack");

        awaitPreview("imaging", request(account, "chargeId", charge, "FRAUDULENT_TRANSACTION"), "DENIED");
        JsonNode opened = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_imaging", """
                {"accountId": "%s", "chargeId": "%s", "reason": "FRAUDULENT_TRANSACTION",
                 "evidence": [{"kind": "BANK_PROOF", "reference": "stmt-4"}]}""".formatted(account, charge)));
        assertThat(opened.get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(gateway.ok(gateway.post("/api/v1/refund-requests/" + opened.get("id").asString() + "/reject",
                "sk_test_imaging", "{\"note\": \"the bank proof shows the card holder paid\"}")).get("status")
                .asString()).isEqualTo("DENIED");
    }

    /** refill-or-refund: an order that never started is refunded in full, to the account balance. */
    @Test
    void smmRefundsAnOrderThatNeverStartedToTheBalance() {
        String account = gateway.openAccount("smm", "CUSTOMER", null);
        JsonNode purchase = gateway.created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000"}""".formatted(account)));

        JsonNode opened = gateway.json(Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.post("/api/v1/refund-requests", "sk_test_smm", request(account, "purchaseId",
                        purchase.get("id").asString(), "NEVER_STARTED")), r -> r.statusCode() == 201));
        assertThat(opened.get("status").asString()).isIn("APPROVED", "EXECUTING", "COMPLETED");
        assertThat(opened.get("decision").get("amount").get("amount").asLong()).isEqualTo(2000);
        assertThat(opened.get("decision").get("destination").asString()).isEqualTo("ACCOUNT_BALANCE");
    }

    /** cooling-off-prorata: within 7 days with nothing used, the full amount goes back to the card. */
    @Test
    void chatRefundsAnUnusedSubscriptionInItsCoolingOffPeriod() {
        String account = gateway.openAccount("chat", "CUSTOMER", null);
        JsonNode subscription = gateway.created(gateway.post("/api/v1/subscriptions", "sk_test_chat", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account)));

        JsonNode decision = awaitPreview("chat", request(account, "subscriptionId",
                subscription.get("id").asString(), "COOLING_OFF"), "APPROVED");
        assertThat(decision.get("amount").get("amount").asLong()).isEqualTo(1000);
        assertThat(decision.get("destination").asString()).isEqualTo("ORIGINAL_PAYMENT_METHOD");
        assertThat(decision.get("policy").get("id").asString()).isEqualTo("cooling-off-prorata");

        JsonNode policies = gateway.ok(gateway.get("/api/v1/policies", "rk_test_chat"));
        assertThat(policies.get("data")).hasSize(5);
        assertThat(gateway.ok(gateway.get("/api/v1/policies/cooling-off-prorata", "rk_test_chat"))
                .get("clauses").isArray()).isTrue();
    }

    private static String charge(String tenant, String account, String description) {
        return gateway.created(gateway.post("/api/v1/charges", "sk_test_" + tenant, """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "%s"}"""
                .formatted(account, description))).get("id").asString();
    }

    private static String request(String account, String targetField, String target, String reason) {
        return """
                {"accountId": "%s", "%s": "%s", "reason": "%s"}""".formatted(account, targetField, target, reason);
    }

    /** Previews until billing's facts have reached refund-service and the decision has the outcome. */
    private static JsonNode awaitPreview(String tenant, String body, String outcome) {
        return gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_" + tenant, body,
                preview -> preview.get("decision").get("outcome").asString().equals(outcome)).get("decision");
    }
}
