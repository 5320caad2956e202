package dev.fairbill.refund.web;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.CancelSubscriptionRequestedV1;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.ParallelCalls;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A charge (or the purchase or subscription it pays for) has one open refund case at a time: parallel requests,
 * with or without an Idempotency-Key, open exactly one, and the others are told which case is open.
 */
@IntegrationTest
class OneOpenCasePerTargetIT {

    private static final int PARALLEL = 8;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void parallelCoolingOffRequestsForOneSubscriptionOpenExactlyOneCase() {
        String account = BillingFacts.id("acct_");
        String subscription = subscriptionStartedYesterday("chat", account);
        String body = request(account, "subscriptionId", subscription, "COOLING_OFF");

        List<ApiClient.Response> answers = ParallelCalls.run(PARALLEL,
                i -> post("chat", "/api/v1/refund-requests", body, i % 2 == 0));

        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        String opened = opened(answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow());
        assertThat(answers).filteredOn(answer -> answer.status() != 201).hasSize(PARALLEL - 1)
                .allSatisfy(refused -> {
                    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                    JsonNode problem = json.readTree(refused.body());
                    assertThat(problem.get("type").asString())
                            .isEqualTo("https://fairbill.dev/problems/refund-case-exists");
                    assertThat(problem.get("caseId").asString()).isEqualTo(opened);
                });
        assertThat(casesOf(account)).isEqualTo(1);
    }

    /**
     * cooling-off-prorata: a cooling-off refund asked for by the subscription's charge cancels it, as one by the
     * subscription.
     */
    @Test
    void aCoolingOffRefundByTheSubscriptionsChargeCancelsTheSubscription() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        String subscription = BillingFacts.id("sub_");
        // billing's fact of the subscription's charge names the subscription it paid for
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        BillingFacts.billing(ChargeCapturedV1.TYPE, account, new ChargeCapturedV1(charge, account, "chat",
                new MoneyAmount(1000, "EUR"), "monthly", subscription, start, null, "sandbox", "ch_sandbox_x", start,
                new MoneyAmount(0, "EUR")));
        BillingFacts.billing(SubscriptionStartedV1.TYPE, account, new SubscriptionStartedV1(subscription, account,
                "chat", "monthly", "ACTIVE", start, start.plus(30, ChronoUnit.DAYS), 100, 0, null,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), null, charge, start));
        String body = request(account, "chargeId", charge, "COOLING_OFF");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                json.readTree(post("chat", "/api/v1/refund-requests/preview", body, false).body())
                        .path("decision").path("clause").asString().equals("cooling-off-full"));

        String opened = opened(post("chat", "/api/v1/refund-requests", body, true));

        var cancel = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.BILLING_REQUESTS, account,
                CancelSubscriptionRequestedV1.TYPE, Duration.ofSeconds(30)), CancelSubscriptionRequestedV1.class);
        assertThat(cancel.subscriptionId()).isEqualTo(subscription);
        assertThat(cancel.reason()).contains(opened);
    }

    @Test
    void whileACaseIsOpenThePreviewAnswersAsTheRequestWouldAndAfterItSettledANewCaseIsDecided() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("panel", account, charge, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        String body = request(account, "chargeId", charge, "ADMIN_OVERCHARGE");
        awaitReviewedPreview(body);
        String open = opened(post("panel", "/api/v1/refund-requests", body, true));

        ApiClient.Response preview = post("panel", "/api/v1/refund-requests/preview", body, false);
        assertThat(preview.status()).isEqualTo(409);
        assertThat(json.readTree(preview.body()).get("caseId").asString()).isEqualTo(open);
        String reject = "/api/v1/refund-requests/" + open + "/reject";
        assertThat(post("panel", reject, "{\"note\": \"charged correctly\"}", false).status()).isEqualTo(200);

        assertThat(post("panel", "/api/v1/refund-requests/preview", body, false).status()).isEqualTo(200);
        ApiClient.Response again = post("panel", "/api/v1/refund-requests", body, false);
        assertThat(again.status()).isEqualTo(201);
        assertThat(json.readTree(again.body()).get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(casesOf(account)).isEqualTo(2);
    }

    @Test
    void aFlaggedDuplicateWithACaseInReviewIsRefundedThroughThatCase() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("panel", account, charge, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        String body = request(account, "chargeId", charge, "DUPLICATE_CHARGE");
        awaitReviewedPreview(body);
        String claim = opened(post("panel", "/api/v1/refund-requests", body, true));

        BillingFacts.billing(ChargeFlaggedDuplicateV1.TYPE, account, new ChargeFlaggedDuplicateV1(charge, account,
                "panel", BillingFacts.id("ch_"), "SAME_AMOUNT_AND_DESCRIPTION", new MoneyAmount(1000, "EUR"),
                Instant.now()));

        JsonNode approved = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> refundCase(claim), c -> !"IN_REVIEW".equals(c.get("status").asString()));
        assertThat(approved.get("status").asString()).isIn("APPROVED", "EXECUTING");
        assertThat(approved.get("review").get("amount").get("amount").asLong()).isEqualTo(1000);
        assertThat(approved.get("review").get("reviewer").asString()).isEqualTo("system");
        assertThat(casesOf(account)).isEqualTo(1);
    }

    /** The answer of the first attempt was lost (a crash before it was stored): the retry answers that case. */
    @Test
    void aRetriedRequestWhoseAnswerWasLostAnswersItsOwnCase() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("panel", account, charge, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        String body = request(account, "chargeId", charge, "ADMIN_OVERCHARGE");
        awaitReviewedPreview(body);
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin("panel")));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        String first = opened(api.send("POST", "/api/v1/refund-requests", body, headers));
        jdbc.sql("DELETE FROM idempotency_keys WHERE idempotency_key = ?").param(headers.get("Idempotency-Key"))
                .update();

        ApiClient.Response retried = api.send("POST", "/api/v1/refund-requests", body, headers);

        assertThat(opened(retried)).isEqualTo(first);
        assertThat(casesOf(account)).isOne();
    }

    private String subscriptionStartedYesterday(String tenant, String account) {
        String subscription = BillingFacts.id("sub_");
        String charge = BillingFacts.id("ch_");
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        BillingFacts.chargeCaptured(tenant, account, charge, 1000, start);
        BillingFacts.billing(SubscriptionStartedV1.TYPE, account, new SubscriptionStartedV1(subscription, account,
                tenant, "monthly", "ACTIVE", start, start.plus(30, ChronoUnit.DAYS), 100, 0, null,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), null, charge, start));
        String preview = request(account, "subscriptionId", subscription, "COOLING_OFF");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                json.readTree(post(tenant, "/api/v1/refund-requests/preview", preview, false).body())
                        .path("decision").path("outcome").asString().equals("APPROVED"));
        return subscription;
    }

    /** Waits until refund-service knows the charge, so the case goes to review. */
    private void awaitReviewedPreview(String body) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                json.readTree(post("panel", "/api/v1/refund-requests/preview", body, false).body())
                        .path("decision").path("outcome").asString().equals("NEEDS_REVIEW"));
    }

    private ApiClient.Response post(String tenant, String path, String body, boolean withIdempotencyKey) {
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin(tenant)));
        if (withIdempotencyKey) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return api.send("POST", path, body, headers);
    }

    private String opened(ApiClient.Response created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private JsonNode refundCase(String caseId) {
        return json.readTree(api.get("/api/v1/refund-requests/" + caseId, bearer(TestJwts.readOnly("panel")))
                .body());
    }

    private long casesOf(String account) {
        return jdbc.sql("SELECT count(*) FROM refund_cases WHERE account_id = ?").param(account).query(Long.class)
                .single();
    }

    private static String request(String account, String targetField, String target, String reason) {
        return """
                {"accountId": "%s", "%s": "%s", "reason": "%s"}""".formatted(account, targetField, target, reason);
    }
}
