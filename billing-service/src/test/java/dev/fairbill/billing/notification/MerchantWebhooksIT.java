package dev.fairbill.billing.notification;

import static dev.fairbill.billing.BillingApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.contracts.webhook.WebhookSignature;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Merchants' endpoints receive their tenant's events from the event stream through a real HTTP receiver on
 * localhost: signed, in order per account, retried after failures, never another tenant's, and signed with both
 * secrets while a rotation overlaps. Retries here wait 200 ms doubling to 1 s, and give up after 4 s.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "fairbill.merchant-webhooks.retry-initial=200ms", "fairbill.merchant-webhooks.retry-max=1s",
        "fairbill.merchant-webhooks.give-up-after=4s", "fairbill.merchant-webhooks.poll-interval=100ms"})
class MerchantWebhooksIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static MerchantReceiver receiver;

    @LocalServerPort int port;
    @Autowired MerchantWebhookSender sender;
    @Autowired MerchantDeliveries deliveries;
    @Autowired MeterRegistry meters;
    private BillingApi api;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new MerchantReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void anEndpointReceivesItsTenantsEventsSignedAndInOrderPerAccount() {
        JsonNode endpoint = endpoint("panel", "/ordered", "[\"charge.succeeded\", \"charge.failed\"]", null);
        String secret = endpoint.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(get("panel", "/api/v1/webhook-endpoints/" + endpoint.get("id").asString()).has("secret"))
                .as("the secret is shown once").isTrue();
        assertThat(get("panel", "/api/v1/webhook-endpoints/" + endpoint.get("id").asString()).get("secret")
                .isNull()).isTrue();
        endpoint("studio", "/other-tenant", "[\"*\"]", null);

        String account = api.openCustomer("panel", "hooks-" + UUID.randomUUID());
        List<String> charges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            charges.add(charge("panel", account, i == 2 ? "pm_card_declined" : "pm_card_ok"));
        }

        List<MerchantReceiver.Received> received = Awaitility.await().atMost(WAIT)
                .until(() -> receiver.at("/ordered"), got -> got.size() >= 4);
        var verifier = WebhookSignature.verifier(secret);
        assertThat(received).allSatisfy(request -> assertThat(verifier.verify(request.body(), request.signature()))
                .as("signed with the endpoint's secret").isTrue());
        List<JsonNode> events = received.stream().map(request -> BillingApi.JSON.readTree(request.body())).toList();
        assertThat(events).extracting(event -> event.get("data").get("chargeId").asString())
                .as("in the order the account's charges happened").containsExactlyElementsOf(charges);
        assertThat(events).extracting(event -> event.get("type").asString())
                .containsExactly("charge.succeeded", "charge.succeeded", "charge.failed", "charge.succeeded");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("accountId").asString()).isEqualTo(account);
            assertThat(event.get("id").asString()).startsWith("evt_");
        });
        assertThat(receiver.at("/other-tenant")).as("another tenant's endpoint hears nothing of panel")
                .noneMatch(request -> new String(request.body()).contains(account));
        assertThat(WebhookSignature.verifier("whsec_someone_else").verify(received.getFirst().body(),
                received.getFirst().signature())).isFalse();
    }

    @Test
    void aFailingEndpointIsRetriedAndLaterEventsOfTheAccountWaitForIt() {
        receiver.answer("/flaky", n -> n <= 2 ? 500 : 200);
        JsonNode endpoint = endpoint("imaging", "/flaky", "[\"charge.succeeded\"]", null);
        String account = api.openCustomer("imaging", "flaky-" + UUID.randomUUID());
        String first = charge("imaging", account, "pm_card_ok");
        String second = charge("imaging", account, "pm_card_ok");

        List<MerchantReceiver.Received> received = Awaitility.await().atMost(WAIT)
                .until(() -> receiver.at("/flaky"), got -> got.size() >= 4);
        assertThat(received).extracting(request -> chargeOf(request))
                .as("the first event three times, and only then the second")
                .containsExactly(first, first, first, second);
        JsonNode delivered = Awaitility.await().atMost(WAIT).until(() -> deliveriesOf("imaging", endpoint, ""),
                page -> page.get("data").size() == 2
                        && page.get("data").valueStream().allMatch(d -> d.get("status").asString().equals("DELIVERED")));
        JsonNode firstDelivery = delivered.get("data").get(1);
        assertThat(firstDelivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(firstDelivery.get("lastStatus").asInt()).isEqualTo(200);
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndAReplayDeliversOnceItIsBack() {
        receiver.answer("/down", n -> 503);
        double disabledBefore = meters.counter(MerchantWebhookSender.DISABLEMENTS).count();
        JsonNode endpoint = endpoint("chat", "/down", "[\"charge.succeeded\"]", null);
        String id = endpoint.get("id").asString();
        String account = api.openCustomer("chat", "down-" + UUID.randomUUID());
        charge("chat", account, "pm_card_ok");

        JsonNode disabled = Awaitility.await().atMost(WAIT).until(() -> get("chat", "/api/v1/webhook-endpoints/" + id),
                e -> e.get("status").asString().equals("DISABLED"));
        assertThat(disabled.get("disabledReason").asString()).contains("503");
        assertThat(meters.counter(MerchantWebhookSender.DISABLEMENTS).count()).isEqualTo(disabledBefore + 1);
        JsonNode failed = deliveriesOf("chat", endpoint, "?status=FAILED").get("data").get(0);
        int attempts = failed.get("attempts").asInt();
        assertThat(attempts).as("retried with growing waits for the whole window").isBetween(4, 12);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> receiver.at("/down").size() == attempts);

        receiver.answer("/down", n -> 200);
        assertThat(api.post("/api/v1/webhook-endpoints/" + id + "/enable", null, admin("chat")).status())
                .isEqualTo(200);
        var replay = api.post("/api/v1/webhook-endpoints/" + id + "/deliveries/" + failed.get("id").asString()
                + "/replay", null, admin("chat"));
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        Awaitility.await().atMost(WAIT).until(() -> deliveriesOf("chat", endpoint, "?status=DELIVERED"),
                page -> page.get("data").valueStream().anyMatch(delivery ->
                        delivery.path("replayOf").asString("").equals(failed.get("id").asString())));
        assertThat(BillingApi.JSON.readTree(replay.body()).get("replayOf").asString())
                .isEqualTo(failed.get("id").asString());
    }

    @Test
    void duringASecretRotationEventsAreSignedWithBothSecrets() {
        JsonNode endpoint = endpoint("smm", "/rotating", "[\"charge.succeeded\"]", null);
        String id = endpoint.get("id").asString();
        String old = endpoint.get("secret").asString();
        String account = api.openCustomer("smm", "rotation-" + UUID.randomUUID());

        var rotated = api.post("/api/v1/webhook-endpoints/" + id + "/rotate-secret", "{\"overlap\": \"PT1H\"}",
                admin("smm"));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String current = BillingApi.JSON.readTree(rotated.body()).get("secret").asString();
        assertThat(current).isNotEqualTo(old);
        charge("smm", account, "pm_card_ok");
        MerchantReceiver.Received during = Awaitility.await().atMost(WAIT).until(() -> receiver.at("/rotating"),
                got -> got.size() == 1).getFirst();
        assertThat(WebhookSignature.verifier(old).verify(during.body(), during.signature())).isTrue();
        assertThat(WebhookSignature.verifier(current).verify(during.body(), during.signature())).isTrue();

        assertThat(api.post("/api/v1/webhook-endpoints/" + id + "/rotate-secret", "{\"overlap\": \"PT0S\"}",
                admin("smm")).status()).isEqualTo(200);
        String newest = BillingApi.JSON.readTree(api.post("/api/v1/webhook-endpoints/" + id + "/rotate-secret",
                "{\"overlap\": \"PT0S\"}", admin("smm")).body()).get("secret").asString();
        charge("smm", account, "pm_card_ok");
        MerchantReceiver.Received after = Awaitility.await().atMost(WAIT).until(() -> receiver.at("/rotating"),
                got -> got.size() == 2).getLast();
        assertThat(WebhookSignature.verifier(newest).verify(after.body(), after.signature())).isTrue();
        assertThat(WebhookSignature.verifier(current).verify(after.body(), after.signature()))
                .as("a secret rotated without overlap signs nothing more").isFalse();
        assertThat(WebhookSignature.verifier(old).verify(after.body(), after.signature())).isFalse();
    }

    @Test
    void aConsumptionBelowTheThresholdIsALowBalanceEventOnce() {
        JsonNode endpoint = endpoint("panel", "/low", "[\"ledger.low-balance\"]", 100L);
        String account = api.openCustomer("panel", "low-" + UUID.randomUUID());
        consumption(account, 50, 120);   // 170 → 120: above the threshold
        consumption(account, 30, 90);    // 120 → 90: crosses it
        consumption(account, 10, 80);    // 90 → 80: already below

        MerchantReceiver.Received low = Awaitility.await().atMost(WAIT).until(() -> receiver.at("/low"),
                got -> got.size() == 1).getFirst();
        JsonNode event = BillingApi.JSON.readTree(low.body());
        assertThat(event.get("type").asString()).isEqualTo("ledger.low-balance");
        assertThat(event.get("data").get("balance").asLong()).isEqualTo(90);
        assertThat(event.get("data").get("threshold").asLong()).isEqualTo(100);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> receiver.at("/low").size() == 1);
        assertThat(endpoint.get("lowBalanceThreshold").asLong()).isEqualTo(100);
    }

    /** Two replicas' senders at once (and this one's own worker) send each delivery once. */
    @Test
    void sendersWorkingAtOnceSendEachDeliveryOnce() throws Exception {
        endpoint("studio", "/parallel", "[\"charge.succeeded\"]", null);
        List<String> charges = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String account = api.openCustomer("studio", "parallel-" + UUID.randomUUID());
            charges.add(charge("studio", account, "pm_card_ok"));
        }
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int round = 0; round < 40; round++) {
                rounds.add(senders.submit((Callable<Integer>) sender::sendDue));
            }
            for (Future<Integer> round : rounds) {
                round.get();
            }
        }
        Awaitility.await().atMost(WAIT).until(() -> receiver.at("/parallel").size() >= 6);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertThat(receiver.at("/parallel")).extracting(MerchantWebhooksIT::chargeOf)
                .containsExactlyInAnyOrderElementsOf(charges);
    }

    /** A tenant has at most 16 endpoints, however many are asked for at once. */
    @Test
    void parallelCreationsStopAtTheTenantsLimit() throws Exception {
        int before = get("imaging", "/api/v1/webhook-endpoints?limit=500").get("data").size();
        List<ApiClient.Response> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(12)) {
            List<Future<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                calls.add(callers.submit(() -> api.post("/api/v1/webhook-endpoints", """
                        {"url": "%s", "enabledEvents": ["*"]}""".formatted(receiver.url("/limit-" + n)),
                        admin("imaging"))));
            }
            for (var call : calls) {
                answers.add(call.get());
            }
        }
        assertThat(answers).extracting(ApiClient.Response::status)
                .containsOnly(201, 422).filteredOn(status -> status == 201).hasSize(16 - before);
        JsonNode all = get("imaging", "/api/v1/webhook-endpoints?limit=500").get("data");
        assertThat(all).hasSize(16);
        all.valueStream().filter(endpoint -> endpoint.get("url").asString().contains("/limit-"))
                .forEach(endpoint -> api.send("DELETE", "/api/v1/webhook-endpoints/" + endpoint.get("id").asString(),
                        null, admin("imaging")));
    }

    @Test
    void badEndpointsAreRefusedAndAnotherTenantsEndpointIsNotFound() {
        assertThat(api.post("/api/v1/webhook-endpoints", """
                {"url": "ftp://example.com/hook", "enabledEvents": ["*"]}""", admin("panel")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/webhook-endpoints", """
                {"url": "%s", "enabledEvents": ["charge.exploded"]}""".formatted(receiver.url("/x")), admin("panel"))
                .body()).contains("enabledEvents[0]");
        assertThat(api.post("/api/v1/webhook-endpoints", """
                {"url": "%s", "enabledEvents": ["ledger.low-balance"]}""".formatted(receiver.url("/x")),
                admin("panel")).body()).contains("lowBalanceThreshold");
        String id = endpoint("panel", "/mine", "[\"*\"]", null).get("id").asString();
        assertThat(api.get("/api/v1/webhook-endpoints/" + id, admin("studio")).status()).isEqualTo(404);
        assertThat(api.send("DELETE", "/api/v1/webhook-endpoints/" + id, null, admin("studio")).status())
                .isEqualTo(404);
        assertThat(api.send("DELETE", "/api/v1/webhook-endpoints/" + id, null, admin("panel")).status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/webhook-endpoints/" + id, admin("panel")).status()).isEqualTo(404);
    }

    private JsonNode endpoint(String tenant, String path, String events, Long threshold) {
        var created = api.post("/api/v1/webhook-endpoints", """
                {"url": "%s", "enabledEvents": %s%s}""".formatted(receiver.url(path), events,
                threshold == null ? "" : ", \"lowBalanceThreshold\": " + threshold), admin(tenant));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return BillingApi.JSON.readTree(created.body());
    }

    private String charge(String tenant, String account, String paymentMethod) {
        var created = api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 700, "currency": "EUR"}, "description": "hook",
                 "paymentMethod": "%s"}""".formatted(account, paymentMethod), admin(tenant));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return BillingApi.JSON.readTree(created.body()).get("id").asString();
    }

    private static void consumption(String account, long amount, long balanceAfter) {
        KafkaTestMessages.sendCloudEvent(Topics.LEDGER_EVENTS, UUID.randomUUID().toString(), CreditsConsumedV1.TYPE,
                account, new CreditsConsumedV1(account, "panel", "cons-" + UUID.randomUUID(), "export", amount,
                        List.of(), balanceAfter, Instant.now(Clock.systemUTC())));
    }

    private JsonNode get(String tenant, String path) {
        return BillingApi.JSON.readTree(api.get(path, admin(tenant)).body());
    }

    private JsonNode deliveriesOf(String tenant, JsonNode endpoint, String query) {
        return get(tenant, "/api/v1/webhook-endpoints/" + endpoint.get("id").asString() + "/deliveries" + query);
    }

    private static String chargeOf(MerchantReceiver.Received request) {
        return BillingApi.JSON.readTree(request.body()).get("data").get("chargeId").asString();
    }
}
