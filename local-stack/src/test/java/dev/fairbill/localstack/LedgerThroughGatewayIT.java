package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * The credit ledger working with billing through Kafka, driven only through the gateway of the running local stack:
 * credits follow subscriptions and purchases, and cash balance pays the next charge first.
 */
@ExtendWith(TestStacks.Shared.class)
class LedgerThroughGatewayIT {

    private static LocalStack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() throws IOException {
        stack = TestStacks.shared();
        gateway = new GatewayClient(stack.gatewayUrl());
    }


    /**
     * final-sale-duplicates-refunded §3.1/§3.2: a started subscription's included credits are allowance, bought credits
     * are kept; an
     * immediate cancellation forfeits the allowance and keeps what was bought.
     */
    @Test
    void creditsFollowTheSubscriptionAndThePurchaseAndCancellationForfeitsOnlyTheAllowance() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        JsonNode subscription = gateway.created(gateway.post("/api/v1/subscriptions", "sk_test_studio", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account)));
        gateway.awaitJson(ledger(account), "rk_test_studio", l -> l.get("balance").asLong() == 100);
        gateway.created(gateway.post("/api/v1/purchases", "sk_test_studio", """
                {"accountId": "%s", "productId": "credits-500"}""".formatted(account)));
        JsonNode both = gateway.awaitJson(ledger(account), "rk_test_studio", l -> l.get("balance").asLong() == 600);
        assertThat(both.get("lots").findValuesAsString("source"))
                .containsExactlyInAnyOrder("SUBSCRIPTION_ALLOWANCE", "PURCHASED");

        JsonNode consumed = gateway.created(gateway.post(ledger(account) + "/consumptions", "sk_test_studio",
                "{\"amount\": 30, \"reference\": \"export-1\"}"));
        assertThat(consumed.get("balanceAfter").asLong()).isEqualTo(570);
        gateway.ok(gateway.post("/api/v1/subscriptions/" + subscription.get("id").asString() + "/cancel",
                "sk_test_studio", "{\"mode\": \"IMMEDIATE\"}"));

        JsonNode afterCancel = gateway.awaitJson(ledger(account), "rk_test_studio",
                l -> l.get("balance").asLong() == 500);
        assertThat(afterCancel.get("lots").findValuesAsString("source")).containsExactly("PURCHASED");
        JsonNode entries = gateway.ok(gateway.get(ledger(account) + "/entries", "rk_test_studio"));
        assertThat(entries.get("data").findValuesAsString("type")).contains("GRANT", "CONSUMPTION", "FORFEIT");
    }

    /** The next charges use cash balance first; the card pays the rest. */
    @Test
    void cashBalancePaysTheNextChargeFirstAndTheCardTheRest() {
        String account = gateway.openAccount("chat", "CUSTOMER", null);
        JsonNode earlier = gateway.created(gateway.post("/api/v1/charges", "sk_test_chat", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "monthly"}"""
                .formatted(account)));
        // the ledger learns of the capture through Kafka; until then it refuses a refund to balance against it
        gateway.awaitCreated(ledger(account) + "/grants", "sk_test_chat", """
                {"amount": 300, "source": "REFUND_BALANCE", "unit": "EUR", "chargeId": "%s"}"""
                .formatted(earlier.get("id").asString()));
        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_chat",
                a -> a.get("cashBalances").findValuesAsString("currency").contains("EUR"));

        JsonNode charge = gateway.created(gateway.post("/api/v1/charges", "sk_test_chat", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "top-up"}"""
                .formatted(account)));

        assertThat(charge.get("status").asString()).isEqualTo("PENDING");
        JsonNode paid = gateway.awaitJson("/api/v1/charges/" + charge.get("id").asString(), "rk_test_chat",
                c -> c.get("status").asString().equals("SUCCEEDED"));
        assertThat(paid.get("paidFromBalance").get("amount").asLong()).isEqualTo(300);
        assertThat(paid.get("amount").get("amount").asLong()).isEqualTo(1000);
        JsonNode ledger = gateway.awaitJson(ledger(account), "rk_test_chat",
                l -> l.get("cashBalances").get(0).get("amount").asLong() == 0);
        assertThat(ledger.get("cashBalances").get(0).get("currency").asString()).isEqualTo("EUR");
    }

    /** Every ledger endpoint (docs/api.md) through the gateway, with the read-only key refused on writes. */
    @Test
    void ledgerEndpointsAnswerThroughTheGateway() {
        String reseller = gateway.openAccount("studio", "RESELLER", null);
        String subReseller = gateway.openAccount("studio", "SUB_RESELLER", reseller);
        gateway.awaitJson(ledger(subReseller), "rk_test_studio", l -> true);
        JsonNode lot = gateway.created(gateway.post(ledger(reseller) + "/grants", "sk_test_studio",
                "{\"amount\": 100, \"source\": \"GOODWILL\", \"reference\": \"onboarding\"}"));
        assertThat(lot.get("source").asString()).isEqualTo("GOODWILL");
        assertThat(gateway.post(ledger(reseller) + "/grants", "rk_test_studio",
                "{\"amount\": 1, \"source\": \"GOODWILL\"}").statusCode()).isEqualTo(403);

        JsonNode hold = gateway.created(gateway.post(ledger(reseller) + "/holds", "sk_test_studio",
                "{\"amount\": 20, \"reference\": \"device-7\", \"expiresIn\": \"PT5M\"}"));
        assertThat(gateway.ok(gateway.post(ledger(reseller) + "/holds/" + hold.get("id").asString() + "/release",
                "sk_test_studio", null)).get("status").asString()).isEqualTo("RELEASED");
        HttpResponse<String> transfer = gateway.post(ledger(reseller) + "/transfers", "sk_test_studio",
                "{\"toAccountId\": \"%s\", \"amount\": 40}".formatted(subReseller));
        assertThat(gateway.created(transfer).get("amount").asLong()).isEqualTo(40);
        gateway.awaitJson(ledger(subReseller), "rk_test_studio", l -> l.get("balance").asLong() == 40);

        HttpResponse<String> insufficient = gateway.send("POST", ledger(reseller) + "/consumptions", "sk_test_studio",
                "{\"amount\": 61, \"reference\": \"too-much\"}", Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(insufficient.statusCode()).isEqualTo(409);
        assertThat(gateway.json(insufficient).get("type").asString())
                .isEqualTo("https://fairbill.dev/problems/insufficient-credits");
        assertThat(gateway.ok(gateway.get(ledger(reseller), "rk_test_studio")).get("balance").asLong()).isEqualTo(60);
        assertThat(gateway.ok(gateway.get("/api/v1/journal/check", "rk_test_studio")).has("balanced")).isTrue();
        assertThat(gateway.get(ledger(reseller), "rk_test_chat").statusCode()).isEqualTo(404);
    }

    /**
     * final-sale-reseller §5: buying credits raises a reseller's tier, and a tier that allows it lets it add
     * sub-resellers.
     */
    @Test
    void aResellerMayCreateSubResellersOnceItsPurchasesReachATier() {
        String reseller = gateway.openAccount("panel", "RESELLER", null);
        String subReseller = """
                {"externalRef": "sub-%s", "role": "SUB_RESELLER", "parentAccountId": "%s"}"""
                .formatted(UUID.randomUUID(), reseller);
        HttpResponse<String> refused = gateway.post("/api/v1/accounts", "sk_test_panel", subReseller);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(gateway.json(refused).get("type").asString())
                .isEqualTo("https://fairbill.dev/problems/tier-required");

        gateway.created(gateway.post("/api/v1/purchases", "sk_test_panel", """
                {"accountId": "%s", "productId": "credits-500"}""".formatted(reseller)));
        gateway.awaitJson(ledger(reseller), "rk_test_panel", l -> "SILVER".equals(l.get("tier").asString()));

        HttpResponse<String> created = Awaitility.await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.post("/api/v1/accounts", "sk_test_panel", subReseller),
                        response -> response.statusCode() == 201);
        assertThat(gateway.json(created).get("parentAccountId").asString()).isEqualTo(reseller);
    }

    private static String ledger(String account) {
        return "/api/v1/ledgers/" + account;
    }
}
