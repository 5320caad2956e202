package dev.fairbill.refund.web;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.refund.RefundCaseDecidedV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refund requests decided from facts that arrive over the real broker, against real PostgreSQL: the decision follows
 * the facts, the review queue, and bad input refused without opening anything.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.refunds.tenants.chat.review-sla-business-days=5")
class RefundRequestsIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    /**
     * final-sale-duplicates-refunded §4.3 and the rules every policy obeys: an unflagged duplicate claim goes to
     * review; a flagged
     * duplicate is reversed by a case the system opens itself (so the customer's own claim finds nothing left to
     * refund), and once the charge is disputed nothing is refunded (clause charge-disputed).
     */
    @Test
    void factsArrivingFromKafkaChangeTheDecision() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("studio", account, charge, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        String body = request(account, "chargeId", charge, "DUPLICATE_CHARGE");

        JsonNode unflagged = awaitPreview("studio", body, d -> true);
        assertThat(unflagged.get("outcome").asString()).isEqualTo("NEEDS_REVIEW");

        BillingFacts.billing(ChargeFlaggedDuplicateV1.TYPE, account, new ChargeFlaggedDuplicateV1(charge, account,
                "studio", BillingFacts.id("ch_"), "SAME_AMOUNT_AND_DESCRIPTION", new MoneyAmount(1000, "EUR"),
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> caseCount(account) == 1);
        JsonNode automatic = json.readTree(jdbc.sql("SELECT decision FROM refund_cases WHERE account_id = ?")
                .param(account).query(String.class).single());
        assertThat(automatic.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(automatic.get("clause").asString()).isEqualTo("duplicate-flagged");
        assertThat(automatic.get("amount").get("amount").asLong()).isEqualTo(1000);
        assertThat(automatic.get("destination").asString()).isEqualTo("ORIGINAL_PAYMENT_METHOD");
        ApiClient.Response whileOpen = previewAnswer("studio", body);
        assertThat(whileOpen.status()).as("the automatic case is the charge's one open case").isEqualTo(409);
        String automaticCase = jdbc.sql("SELECT case_id FROM refund_cases WHERE account_id = ?").param(account)
                .query(String.class).single();
        assertThat(json.readTree(whileOpen.body()).get("caseId").asString()).isEqualTo(automaticCase);

        String refundId = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT refund_id FROM refund_cases WHERE case_id = ? AND refund_id IS NOT NULL")
                .param(automaticCase).query(String.class).optional(), Optional::isPresent).orElseThrow();
        BillingFacts.billing(ChargeRefundedV1.TYPE, account, new ChargeRefundedV1(charge, account, "studio", refundId,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), "re_dup", "duplicate", Instant.now()));
        JsonNode claim = awaitPreview("studio", body, d -> d.get("outcome").asString().equals("DENIED"));
        assertThat(claim.get("clause").asString()).isEqualTo("already-refunded");

        BillingFacts.billing(DisputeOpenedV1.TYPE, account, new DisputeOpenedV1(BillingFacts.id("dp_"), charge,
                account, "studio", new MoneyAmount(1000, "EUR"), "fraudulent", null, Instant.now()));
        JsonNode disputed = awaitPreview("studio", body, d -> d.get("clause").asString().equals("charge-disputed"));
        assertThat(disputed.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(caseCount(account)).as("previews open nothing").isOne();
    }

    /**
     * exceptions-within-7-days part 3 and part 5: fraud with proof goes to review; a reviewer decides once, within the
     * remainder.
     */
    @Test
    void aReviewerDecidesACaseInTheReviewQueueOnce() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("imaging", account, charge, 1000, Instant.now().minus(2, ChronoUnit.DAYS));
        awaitPreview("imaging", request(account, "chargeId", charge, "FRAUDULENT_TRANSACTION"), d -> true);

        ApiClient.Response opened = api.post("/api/v1/refund-requests", """
                {"accountId": "%s", "chargeId": "%s", "reason": "FRAUDULENT_TRANSACTION",
                 "explanation": "I never made this payment",
                 "evidence": [{"kind": "POLICE_REPORT", "reference": "PR-2026-77"}]}""".formatted(account, charge),
                bearer(TestJwts.admin("imaging")));

        assertThat(opened.status()).isEqualTo(201);
        JsonNode created = json.readTree(opened.body());
        String id = created.get("id").asString();
        assertThat(id).startsWith("rc_");
        assertThat(created.get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(created.get("decision").get("outcome").asString()).isEqualTo("NEEDS_REVIEW");
        assertThat(created.get("decision").get("policy").get("id").asString()).isEqualTo("exceptions-within-7-days");
        assertThat(Instant.parse(created.get("reviewDueBy").asString())).isAfter(Instant.now().plus(4,
                ChronoUnit.DAYS));
        JsonNode queue = json.readTree(api.get("/api/v1/refund-requests?status=IN_REVIEW",
                bearer(TestJwts.readOnly("imaging"))).body());
        assertThat(queue.get("data").findValuesAsString("id")).contains(id);

        String approve = "/api/v1/refund-requests/" + id + "/approve";
        var writerOnly = bearer(TestJwts.token("imaging", List.of("refunds:read", "refunds:write"), Instant.now(),
                TestJwts.SECRET));
        assertThat(api.post(approve, "{\"note\": \"ok\"}", writerOnly).status()).isEqualTo(403);
        assertThat(api.post(approve, "{\"amount\": {\"amount\": 1001, \"currency\": \"EUR\"}, \"note\": \"ok\"}",
                bearer(TestJwts.admin("imaging"))).status()).isEqualTo(422);
        // a reviewer's key: it reads and reviews, and writes nothing
        Map<String, String> reviewer = new HashMap<>(bearer(TestJwts.token("imaging",
                List.of("refunds:read", "refunds:review"), Instant.now(), TestJwts.SECRET)));
        reviewer.put("X-Request-Id", "req-approve-" + id);
        ApiClient.Response approved = api.post(approve,
                "{\"amount\": {\"amount\": 600, \"currency\": \"EUR\"}, \"note\": \"proof checked\"}",
                reviewer);
        assertThat(approved.status()).isEqualTo(200);
        JsonNode trail = json.readTree(api.get("/api/v1/audit?resource=" + id,
                bearer(TestJwts.readOnly("imaging"))).body()).get("data");
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asString()).isEqualTo("refund-case.approved");
            assertThat(entry.get("actor").get("keyId").asString()).isEqualTo("key_imaging_test");
            assertThat(entry.get("requestId").asString()).isEqualTo("req-approve-" + id);
            assertThat(entry.get("accountId").asString()).isEqualTo(account);
            assertThat(entry.get("detail").asString()).contains("600", "proof checked");
        });
        assertThat(json.readTree(api.get("/api/v1/audit?resource=" + id,
                bearer(TestJwts.readOnly("panel"))).body()).get("data")).as("another tenant's case").isEmpty();
        JsonNode decided = json.readTree(approved.body());
        // the execution saga may already have asked billing for the refund
        assertThat(decided.get("status").asString()).isIn("APPROVED", "EXECUTING");
        assertThat(decided.get("review").get("amount").get("amount").asLong()).isEqualTo(600);
        assertThat(api.post("/api/v1/refund-requests/" + id + "/reject", "{\"note\": \"no\"}",
                bearer(TestJwts.admin("imaging"))).status()).isEqualTo(409);

        var notices = KafkaTestMessages.awaitRecords(Topics.REFUND_EVENTS, account, RefundCaseDecidedV1.TYPE, 2,
                Duration.ofSeconds(30));
        assertThat(notices).extracting(r -> KafkaTestMessages.data(r, RefundCaseDecidedV1.class).decidedBy())
                .containsExactly("POLICY", "REVIEWER");
    }

    /**
     * final-sale-duplicates-refunded §4.2: an outage inside the period is compensated with proportional service
     * credits.
     */
    @Test
    void anIncidentInThePeriodTurnsAnOutageClaimIntoServiceCredits() {
        String account = BillingFacts.id("acct_");
        String subscription = BillingFacts.id("sub_");
        String charge = BillingFacts.id("ch_");
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        BillingFacts.chargeCaptured("studio", account, charge, 1000, start);
        BillingFacts.billing(SubscriptionStartedV1.TYPE, account, new SubscriptionStartedV1(subscription, account,
                "studio", "monthly", "ACTIVE", start, start.plus(30, ChronoUnit.DAYS), 100, 0, null,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), null, charge, start));
        String body = request(account, "subscriptionId", subscription, "SERVICE_UNAVAILABLE");
        assertThat(awaitPreview("studio", body, d -> true).get("outcome").asString()).isEqualTo("DENIED");

        ApiClient.Response incident = api.post("/api/v1/incidents", """
                {"startedAt": "%s", "endedAt": "%s", "scope": "ALL", "description": "database outage"}"""
                .formatted(start.plus(2, ChronoUnit.DAYS), start.plus(3, ChronoUnit.DAYS)),
                bearer(TestJwts.admin("studio")));
        assertThat(incident.status()).isEqualTo(201);
        assertThat(json.readTree(api.get("/api/v1/incidents", bearer(TestJwts.readOnly("studio"))).body())
                .get("data").findValuesAsString("description")).contains("database outage");
        String incidentId = json.readTree(incident.body()).get("id").asString();
        assertThat(json.readTree(api.get("/api/v1/audit?resource=" + incidentId,
                bearer(TestJwts.readOnly("studio"))).body()).get("data")).singleElement().satisfies(entry -> {
                    assertThat(entry.get("action").asString()).isEqualTo("incident.recorded");
                    assertThat(entry.get("actor").get("keyId").asString()).isEqualTo("key_studio_test");
                });

        JsonNode remedy = awaitPreview("studio", body, d -> d.get("outcome").asString().equals("REMEDY"));
        assertThat(remedy.get("remedy").get("kind").asString()).isEqualTo("SERVICE_CREDIT");
        assertThat(remedy.get("remedy").get("credits").asLong()).isPositive();
    }

    /**
     * final-sale-duplicates-refunded §4.2: what an outage is compensated with depends on its length, so requests during
     * one still going on
     * wait in review; closing it decides them by the policy with the whole outage.
     */
    @Test
    void requestsDuringAnOngoingOutageWaitInReviewAndAreDecidedWhenItIsClosed() {
        String account = BillingFacts.id("acct_");
        String subscription = BillingFacts.id("sub_");
        String charge = BillingFacts.id("ch_");
        String plan = "outage-plan-" + BillingFacts.id("p_");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(10, ChronoUnit.DAYS);
        BillingFacts.chargeCaptured("studio", account, charge, 1000, start);
        BillingFacts.billing(SubscriptionStartedV1.TYPE, account, new SubscriptionStartedV1(subscription, account,
                "studio", plan, "ACTIVE", start, start.plus(30, ChronoUnit.DAYS), 100, 0, null,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), null, charge, start));
        String body = request(account, "subscriptionId", subscription, "SERVICE_UNAVAILABLE");
        awaitPreview("studio", body, d -> true);
        var admin = bearer(TestJwts.admin("studio"));
        Instant outageStart = now.minus(6, ChronoUnit.HOURS);

        ApiClient.Response recorded = api.post("/api/v1/incidents", """
                {"startedAt": "%s", "scope": "%s", "description": "storage degraded"}"""
                .formatted(outageStart, plan), admin);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        JsonNode ongoing = json.readTree(recorded.body());
        assertThat(ongoing.get("status").asString()).isEqualTo("ONGOING");
        assertThat(ongoing.get("endedAt").isNull()).isTrue();
        String incident = ongoing.get("id").asString();

        JsonNode waits = awaitPreview("studio", body, d -> d.get("clause").asString().equals("outage-ongoing"));
        assertThat(waits.get("outcome").asString()).isEqualTo("NEEDS_REVIEW");
        JsonNode opened = json.readTree(api.post("/api/v1/refund-requests", body, admin).body());
        assertThat(opened.get("status").asString()).isEqualTo("IN_REVIEW");
        String caseId = opened.get("id").asString();

        // an end in the future or before the start is refused, and the outage goes on
        assertProblem(api.post("/api/v1/incidents/" + incident + "/close", """
                {"endedAt": "%s"}""".formatted(now.plus(1, ChronoUnit.HOURS)), admin), 400, "validation-failed");
        assertProblem(api.post("/api/v1/incidents/" + incident + "/close", """
                {"endedAt": "%s"}""".formatted(outageStart.minusSeconds(1)), admin), 400, "validation-failed");
        assertThat(status(caseId)).isEqualTo("IN_REVIEW");

        Instant outageEnd = now.minus(1, ChronoUnit.HOURS);
        ApiClient.Response closed = api.post("/api/v1/incidents/" + incident + "/close", """
                {"endedAt": "%s"}""".formatted(outageEnd), admin);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(json.readTree(closed.body()).get("status").asString()).isEqualTo("CLOSED");

        JsonNode decided = json.readTree(api.get("/api/v1/refund-requests/" + caseId, admin).body());
        assertThat(decided.get("status").asString()).isIn("APPROVED", "EXECUTING");
        assertThat(decided.get("review").get("reviewer").asString()).isEqualTo("system");
        assertThat(decided.get("review").get("remedy").get("kind").asString()).isEqualTo("SERVICE_CREDIT");
        assertThat(decided.get("review").get("remedy").get("credits").asLong()).isPositive();
        // the same end again changes nothing; another end is refused
        assertThat(api.post("/api/v1/incidents/" + incident + "/close", """
                {"endedAt": "%s"}""".formatted(outageEnd), admin).status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/incidents/" + incident + "/close", """
                {"endedAt": "%s"}""".formatted(outageEnd.minusSeconds(60)), admin), 409, "incident-closed");
    }

    private String status(String caseId) {
        return json.readTree(api.get("/api/v1/refund-requests/" + caseId, bearer(TestJwts.readOnly("studio")))
                .body()).get("status").asString();
    }

    @Test
    void badRequestsAreRefusedAndOpenNothing() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("panel", account, charge, 1000, Instant.now());
        awaitPreview("panel", request(account, "chargeId", charge, "ADMIN_OVERCHARGE"), d -> true);
        var admin = bearer(TestJwts.admin("panel"));

        assertProblem(api.post("/api/v1/refund-requests", request(account, "chargeId", charge, "BORED"), admin),
                400, "malformed-request");
        assertProblem(api.post("/api/v1/refund-requests", """
                {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE",
                 "evidence": [{"kind": "SELFIE"}]}""".formatted(account, charge), admin), 400,
                "malformed-request");
        assertProblem(api.post("/api/v1/refund-requests", """
                {"accountId": "%s", "reason": "ADMIN_OVERCHARGE"}""".formatted(account), admin), 422,
                "target-required");
        assertProblem(api.post("/api/v1/refund-requests", request(BillingFacts.id("acct_"), "chargeId", charge,
                "ADMIN_OVERCHARGE"), admin), 422, "target-of-other-account");
        assertProblem(api.post("/api/v1/refund-requests", request(account, "chargeId", charge, "ADMIN_OVERCHARGE"),
                bearer(TestJwts.admin("studio"))), 404, "not-found");
        assertProblem(api.post("/api/v1/refund-requests", """
                {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE",
                 "amount": {"amount": 1001, "currency": "EUR"}}""".formatted(account, charge), admin), 422,
                "amount-exceeds-refundable");
        assertProblem(api.post("/api/v1/refund-requests", """
                {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE", "mood": "angry"}"""
                .formatted(account, charge), admin), 400, null);

        assertThat(caseCount(account)).isZero();
    }

    @Test
    void policiesAreListedClauseByClause() {
        JsonNode policies = json.readTree(api.get("/api/v1/policies", bearer(TestJwts.readOnly("chat"))).body());
        assertThat(policies.get("data")).extracting(policy -> policy.get("id").asString())
                .containsExactlyInAnyOrder("final-sale-reseller",
                "final-sale-duplicates-refunded", "exceptions-within-7-days", "refill-or-refund",
                "cooling-off-prorata");
        JsonNode effective = policies.get("effective");
        assertThat(effective.get("tenant").asString()).isEqualTo("chat");
        assertThat(effective.get("policy").get("id").asString()).isEqualTo("cooling-off-prorata");
        assertThat(effective.get("policy").get("parameters").get("reviewSlaBusinessDays").asInt())
                .isEqualTo(5);
        assertThat(effective.get("overridden").get("reviewSlaBusinessDays").asInt()).isEqualTo(5);
        assertThat(effective.get("overridden").has("coolingOff")).isFalse();
        JsonNode one = json.readTree(api.get("/api/v1/policies/cooling-off-prorata",
                bearer(TestJwts.readOnly("chat"))).body());
        assertThat(one.get("clauses").isArray()).isTrue();
        assertThat(api.get("/api/v1/policies/no-such-policy", bearer(TestJwts.readOnly("chat"))).status())
                .isEqualTo(404);
    }

    private static String request(String account, String targetField, String target, String reason) {
        return """
                {"accountId": "%s", "%s": "%s", "reason": "%s"}""".formatted(account, targetField, target, reason);
    }

    private ApiClient.Response previewAnswer(String tenant, String body) {
        return api.post("/api/v1/refund-requests/preview", body, bearer(TestJwts.admin(tenant)));
    }

    /** Previews until the facts have arrived (200) and the decision meets the condition. */
    private JsonNode awaitPreview(String tenant, String body, Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ApiClient.Response response = api.post("/api/v1/refund-requests/preview", body,
                            bearer(TestJwts.admin(tenant)));
                    return response.status() == 200 ? json.readTree(response.body()).get("decision") : null;
                }, decision -> decision != null && condition.test(decision));
    }

    private long caseCount(String account) {
        return jdbc.sql("SELECT count(*) FROM refund_cases WHERE account_id = ?").param(account)
                .query(Long.class).single();
    }

    private void assertProblem(ApiClient.Response response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).contains("application/problem+json");
        if (slug != null) {
            assertThat(json.readTree(response.body()).get("type").asString())
                    .isEqualTo("https://fairbill.dev/problems/" + slug);
        }
    }
}
