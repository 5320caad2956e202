package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * Billing's endpoints (docs/api.md) answer as specified through the gateway of the running local stack: the packaged
 * jars, the fixture keys, a signed processor webhook on {@code /webhooks/**} without an API key.
 */
@ExtendWith(TestStacks.Shared.class)
class BillingThroughGatewayIT {

    private static LocalStack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() throws IOException {
        stack = TestStacks.shared();
        gateway = new GatewayClient(stack.gatewayUrl());
    }


    @Test
    void catalogIsTheFixtureCatalog() {
        JsonNode plans = ok(gateway.get("/api/v1/plans", "rk_test_smm"));
        assertThat(plans.get("data").findValuesAsString("id")).contains("monthly", "yearly", "trial-monthly");
        JsonNode products = ok(gateway.get("/api/v1/products", "rk_test_smm"));
        assertThat(products.get("data").findValuesAsString("id")).contains("credits-500", "followers-2000");
    }

    @Test
    void subscriptionIsChargedAtOnceThenCancelledBothWays() {
        String account = openCustomer("chat");

        JsonNode subscription = created(gateway.post("/api/v1/subscriptions", "sk_test_chat", """
                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}""".formatted(account)));
        String id = subscription.get("id").asString();
        assertThat(subscription.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(subscription.get("currentPeriod").get("start").asString()).isNotBlank();

        JsonNode charge = awaitJson("/api/v1/charges/" + subscription.get("latestChargeId").asString(), "rk_test_chat",
                c -> c.get("status").asString().equals("SUCCEEDED"));
        assertThat(charge.get("amount").get("amount").asLong()).isEqualTo(1000);
        assertThat(ok(gateway.get("/api/v1/charges?accountId=" + account, "rk_test_chat")).get("data")
                .findValuesAsString("id")).contains(charge.get("id").asString());

        // final-sale-reseller §10: cancellation is forward-looking and can be withdrawn before the period ends
        JsonNode scheduled = ok(gateway.post("/api/v1/subscriptions/" + id + "/cancel", "sk_test_chat",
                "{\"mode\": \"END_OF_PERIOD\"}"));
        assertThat(scheduled.get("status").asString()).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(ok(gateway.post("/api/v1/subscriptions/" + id + "/cancellation/withdraw", "sk_test_chat", null))
                .get("status").asString()).isEqualTo("ACTIVE");
        // final-sale-duplicates-refunded §1.3: immediate cancellation ends access now and refunds nothing
        assertThat(ok(gateway.post("/api/v1/subscriptions/" + id + "/cancel", "sk_test_chat",
                "{\"mode\": \"IMMEDIATE\"}")).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(ok(gateway.get("/api/v1/charges/" + charge.get("id").asString(), "rk_test_chat"))
                .get("amountRefunded").get("amount").asLong()).isZero();

        assertThat(gateway.get("/api/v1/subscriptions/" + id, "sk_test_panel").statusCode()).isEqualTo(404);
        assertThat(gateway.post("/api/v1/subscriptions/" + id + "/cancel", "sk_test_chat",
                "{\"mode\": \"IMMEDIATE\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void deliveryOrderIsPaidAndReportsFulfilment() {
        String account = openCustomer("smm");

        JsonNode purchase = created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000", "paymentMethod": "pm_card_ok"}"""
                .formatted(account)));
        String id = purchase.get("id").asString();
        assertThat(purchase.get("chargeId").asString()).startsWith("ch_");
        // the capture is recorded on the purchase by billing's purchase-payments process, moments later
        awaitJson("/api/v1/purchases/" + id, "rk_test_smm", p -> p.get("status").asString().equals("PAID"));

        JsonNode reported = ok(gateway.post("/api/v1/purchases/" + id + "/fulfilment", "sk_test_smm",
                "{\"status\": \"IN_PROGRESS\", \"delivered\": 500}"));
        assertThat(reported.get("fulfilment").get("delivered").asLong()).isEqualTo(500);
        assertThat(reported.get("fulfilment").get("ordered").asLong()).isEqualTo(2000);
        assertThat(ok(gateway.get("/api/v1/purchases/" + id, "rk_test_smm")).get("fulfilment").get("status")
                .asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void signedStripeDisputeThroughTheGatewaySuspendsTheAccount() {
        String account = openCustomer("panel");
        JsonNode charge = created(gateway.post("/api/v1/charges", "sk_test_panel", """
                {"accountId": "%s", "amount": {"amount": 2500, "currency": "EUR"}, "description": "credits pack",
                 "paymentMethod": "pm_card_ok"}""".formatted(account)));
        String body = stripeDisputeCreated(charge.get("processorChargeId").asString());

        var unsigned = gateway.send("POST", "/webhooks/stripe/panel", null, body,
                Map.of("Stripe-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64)));
        assertThat(unsigned.statusCode()).isEqualTo(401);

        var delivered = gateway.send("POST", "/webhooks/stripe/panel", null, body,
                Map.of("Stripe-Signature", StripeWebhooks.signature(body, "whsec_test_panel")));
        assertThat(delivered.statusCode()).isBetween(200, 299);

        // final-sale-reseller §9: a dispute suspends the account while it is reviewed
        JsonNode suspended = awaitJson("/api/v1/accounts/" + account, "rk_test_panel",
                a -> a.get("status").asString().equals("SUSPENDED"));
        assertThat(suspended.get("holds").findValuesAsString("reason")).contains("DISPUTE");
        // freeze: the suspended account's ledger refuses consumption and keeps its balance
        awaitJson("/api/v1/ledgers/" + account, "rk_test_panel", ledger -> ledger.get("frozen").asBoolean());
        assertThat(gateway.post("/api/v1/ledgers/" + account + "/consumptions", "sk_test_panel",
                "{\"amount\": 1, \"reference\": \"job\"}").statusCode()).isEqualTo(423);
        JsonNode disputed = awaitJson("/api/v1/charges/" + charge.get("id").asString(), "rk_test_panel",
                c -> !c.get("dispute").isNull());
        String disputeId = disputed.get("dispute").get("id").asString();
        assertThat(ok(gateway.get("/api/v1/disputes/" + disputeId, "rk_test_panel")).get("chargeId").asString())
                .isEqualTo(charge.get("id").asString());
        assertThat(gateway.get("/api/v1/disputes/" + disputeId + "/evidence", "rk_test_panel").statusCode())
                .isEqualTo(200);
    }

    private static String openCustomer(String tenant) {
        return gateway.openAccount(tenant, "CUSTOMER", null);
    }

    private static JsonNode created(HttpResponse<String> response) {
        return gateway.created(response);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        return gateway.ok(response);
    }

    private static JsonNode awaitJson(String path, String apiKey, Predicate<JsonNode> condition) {
        return gateway.awaitJson(path, apiKey, condition);
    }

    private static String stripeDisputeCreated(String processorChargeId) {
        return StripeWebhooks.disputeEvent("charge.dispute.created", "du_" + UUID.randomUUID(), processorChargeId,
                2500, "needs_response");
    }
}
