package dev.fairbill.billing.web;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The charges API over HTTP on real PostgreSQL with the sandbox processor. */
@IntegrationTest
class ChargeApiIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void capturedChargeAnswersAsApiMdSpecifiesAndIsPublished() {
        String account = openAccount("panel");

        var created = api.post("/api/v1/charges", charge(account, 1500, "Setup fee", "pm_card_ok"), admin("panel"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode charge = json.readTree(created.body());
        String id = charge.get("id").asString();
        assertThat(id).startsWith("ch_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/charges/" + id);
        assertThat(charge.get("accountId").asString()).isEqualTo(account);
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(charge.get("amount").get("amount").asLong()).isEqualTo(1500);
        assertThat(charge.get("amount").get("currency").asString()).isEqualTo("EUR");
        assertThat(charge.get("amountRefunded").get("amount").asLong()).isZero();
        assertThat(charge.get("processor").asString()).isEqualTo("sandbox");
        assertThat(charge.get("processorChargeId").asString()).startsWith("ch_sandbox_");
        assertThat(charge.has("duplicateOf")).isTrue();
        assertThat(charge.get("duplicateOf").isNull()).isTrue();
        assertThat(charge.get("dispute").isNull()).isTrue();
        assertThat(charge.get("createdAt").asString()).isNotBlank();

        var read = api.get("/api/v1/charges/" + id, bearer(TestJwts.readOnly("panel")));
        assertThat(read.status()).isEqualTo(200);
        assertThat(json.readTree(read.body())).isEqualTo(charge);

        // the account's only charge
        ChargeCapturedV1 published = data(awaitRecord(Topics.BILLING_EVENTS, account, ChargeCapturedV1.TYPE,
                Duration.ofSeconds(30)), ChargeCapturedV1.class);
        assertThat(published.chargeId()).isEqualTo(id);
        assertThat(published.amount().amount()).isEqualTo(1500);
        assertThat(published.processorChargeId()).isEqualTo(charge.get("processorChargeId").asString());
    }

    @Test
    void declinedCardIsAFailedCharge() {
        String account = openAccount("panel");

        var created = api.post("/api/v1/charges", charge(account, 1500, "Setup fee", "pm_card_declined"),
                admin("panel"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode charge = json.readTree(created.body());
        assertThat(charge.get("status").asString()).isEqualTo("FAILED");
        assertThat(charge.get("failureCode").asString()).isEqualTo("card_declined");
    }

    @Test
    void anotherTenantsChargeIsNotFound() {
        String id = json.readTree(api.post("/api/v1/charges", charge(openAccount("panel"), 100, "x", "pm_card_ok"),
                admin("panel")).body()).get("id").asString();

        var read = api.get("/api/v1/charges/" + id, admin("studio"));

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/charges/not-an-id", admin("panel")).status()).isEqualTo(404);
    }

    /** A retry of a request without a key could not be told from a second purchase: such requests are refused. */
    @Test
    void everyRequestThatTakesMoneyNeedsAnIdempotencyKey() {
        String account = openAccount("panel");
        long chargesBefore = count("SELECT count(*) FROM charges");
        long purchasesBefore = count("SELECT count(*) FROM purchases");
        long subscriptionsBefore = count("SELECT count(*) FROM subscriptions");
        var withoutKey = new java.util.HashMap<>(admin("panel"));
        withoutKey.put(ApiClient.WITHOUT_IDEMPOTENCY_KEY, "true");

        for (var request : java.util.Map.of(
                "/api/v1/charges", charge(account, 100, "x", "pm_card_ok"),
                "/api/v1/purchases", """
                        {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok"}"""
                        .formatted(account),
                "/api/v1/subscriptions", """
                        {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}"""
                        .formatted(account)).entrySet()) {
            var refused = api.post(request.getKey(), request.getValue(), withoutKey);
            assertProblem(refused, 400);
            assertThat(refused.body()).contains("idempotency-key-required");
        }

        assertThat(count("SELECT count(*) FROM charges")).isEqualTo(chargesBefore);
        assertThat(count("SELECT count(*) FROM purchases")).isEqualTo(purchasesBefore);
        assertThat(count("SELECT count(*) FROM subscriptions")).isEqualTo(subscriptionsBefore);
        assertThat(api.post("/api/v1/accounts", """
                {"externalRef": "no-key", "role": "CUSTOMER"}""", withoutKey).status())
                .as("opening an account moves no money").isEqualTo(201);
    }

    @Test
    void badInputIsAProblemAndChargesNothing() {
        String account = openAccount("panel");
        String otherTenantsAccount = openAccount("studio");
        long chargesBefore = count("SELECT count(*) FROM charges");
        long eventsBefore = count("SELECT count(*) FROM domainevententry WHERE type = 'Charge'");

        assertProblem(api.post("/api/v1/charges", charge(account, 0, "x", "pm_card_ok"), admin("panel")), 400);
        assertProblem(api.post("/api/v1/charges", charge(account, -5, "x", "pm_card_ok"), admin("panel")), 400);
        assertProblem(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 100, "currency": "XYZ"}, "description": "x",
                 "paymentMethod": "pm_card_ok"}""".formatted(account), admin("panel")), 400);
        assertProblem(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 100, "currency": "EUR"}, "description": "x",
                 "paymentMethod": "pm_card_ok", "tip": 5}""".formatted(account), admin("panel")), 400);
        var otherTenants = api.post("/api/v1/charges", charge(otherTenantsAccount, 100, "x", "pm_card_ok"),
                admin("panel"));
        assertProblem(otherTenants, 422);
        assertThat(otherTenants.body()).contains("unknown-account");
        var unknownMethod = api.post("/api/v1/charges", charge(account, 100, "x", "pm_card_visa"), admin("panel"));
        assertProblem(unknownMethod, 422);
        assertThat(unknownMethod.body()).contains("unknown-payment-method");
        assertProblem(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 100, "currency": "EUR"}, "description": "x"}"""
                .formatted(account), admin("panel")), 422);

        assertThat(count("SELECT count(*) FROM charges")).isEqualTo(chargesBefore);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE type = 'Charge'")).isEqualTo(eventsBefore);
    }

    @Test
    void accountsChargesArePagedWithACursor() {
        String account = openAccount("smm");
        String other = openAccount("smm");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(json.readTree(api.post("/api/v1/charges", charge(account, 100 * i, "order " + i, "pm_card_ok"),
                    admin("smm")).body()).get("id").asString());
        }
        api.post("/api/v1/charges", charge(other, 100, "order", "pm_card_ok"), admin("smm"));

        JsonNode first = json.readTree(api.get("/api/v1/charges?accountId=" + account + "&limit=2",
                admin("smm")).body());
        assertThat(first.get("data").findValuesAsString("id")).containsExactly(ids.get(0), ids.get(1));
        String cursor = first.get("nextCursor").asString();

        JsonNode second = json.readTree(api.get("/api/v1/charges?accountId=" + account + "&limit=2&after=" + cursor,
                admin("smm")).body());
        assertThat(second.get("data").findValuesAsString("id")).containsExactly(ids.get(2));
        assertThat(second.get("nextCursor").isNull()).isTrue();

        assertThat(json.readTree(api.get("/api/v1/charges?accountId=" + account, admin("studio")).body())
                .get("data").isEmpty()).isTrue();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private String openAccount(String tenant) {
        return api.openCustomer(tenant, "charge-it");
    }

    static String charge(String account, long amount, String description, String paymentMethod) {
        return """
                {"accountId": "%s", "amount": {"amount": %d, "currency": "EUR"}, "description": "%s",
                 "paymentMethod": "%s"}""".formatted(account, amount, description, paymentMethod);
    }
}
