package dev.fairbill.billing.web;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.BillingApi.created;
import static dev.fairbill.billing.BillingApi.testMode;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.query.TestClocks;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.ParallelCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test clocks in billing: accounts opened on a clock live at its time, and an advance fires their renewals, trial ends
 * and dunning retries in time order, and nothing of any other account. Runs with the same settings as
 * {@link SubscriptionApiIT} (dunning retries 1 s apart), so it shares its application context.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "fairbill.subscriptions.dunning.retry-delays=1s,1s",
        "fairbill.billing.sandbox.latency=0"})
class TestClocksIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Far from the wall clock, so that anything stamped with the wall clock's time would show. */
    private static final Instant START = Instant.parse("2031-01-15T10:00:00Z");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TestClocks clocks;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void yearlySubscriptionAdvancedThirteenMonthsRenewsOnceAtTheClocksTime() {
        String clock = createClock("chat", START);
        String account = openOnClock("chat", clock);
        JsonNode subscription = created(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "yearly"}""".formatted(account), admin("chat")));
        assertThat(subscription.get("currentPeriod").get("start").asString()).isEqualTo(START.toString());
        String wallAccount = api.openAccount("chat", """
                {"externalRef": "wall-clock", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}""");
        JsonNode wallSubscription = created(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(wallAccount), admin("chat")));

        Instant to = START.atZone(ZoneOffset.UTC).plusMonths(13).toInstant();
        JsonNode advancing = advance("chat", clock, to);
        assertThat(advancing.get("status").asString()).isIn("ADVANCING", "READY");
        JsonNode ready = awaitReady("chat", clock);

        assertThat(ready.get("frozenTime").asString()).isEqualTo(to.toString());
        Instant renewal = START.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
        SubscriptionRenewedV1 renewed = data(awaitRecord(Topics.BILLING_EVENTS, account, SubscriptionRenewedV1.TYPE,
                WAIT), SubscriptionRenewedV1.class);
        assertThat(renewed.periodStart()).isEqualTo(renewal);
        assertThat(renewed.includedCredits()).isEqualTo(1200);
        // the charge's answer came back on another thread, and was still recorded at the clock's time
        assertThat(renewed.renewedAt()).isEqualTo(renewal);
        JsonNode read = json.readTree(api.get("/api/v1/subscriptions/" + subscription.get("id").asString(),
                admin("chat")).body());
        assertThat(read.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(read.get("currentPeriod").get("start").asString()).isEqualTo(renewal.toString());
        assertThat(capturedCharges(account)).as("the first year and one renewal in thirteen months").isEqualTo(2);
        TestClockAdvancedV1 told = data(awaitRecord(Topics.BILLING_EVENTS, account, TestClockAdvancedV1.TYPE, WAIT),
                TestClockAdvancedV1.class);
        assertThat(told.testClock()).isEqualTo(clock);
        assertThat(told.to()).isEqualTo(to);

        // the account on the wall clock is untouched: still in its first period, never renewed
        JsonNode wall = json.readTree(api.get("/api/v1/subscriptions/" + wallSubscription.get("id").asString(),
                admin("chat")).body());
        assertThat(wall.get("currentPeriod").get("start").asString())
                .isEqualTo(wallSubscription.get("currentPeriod").get("start").asString());
        assertThat(capturedCharges(wallAccount)).isEqualTo(1);
    }

    @Test
    void declinedRenewalGoesThroughDunningToExpired() {
        String clock = createClock("imaging", START);
        String account = openOnClock("imaging", clock);
        String id = created(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account), admin("imaging")))
                .get("id").asString();
        assertThat(api.post("/api/v1/subscriptions/" + id + "/payment-method", """
                {"paymentMethod": "pm_card_declined"}""", admin("imaging")).status()).isEqualTo(200);

        Instant renewal = START.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        advance("imaging", clock, renewal.plus(Duration.ofDays(1)));
        awaitReady("imaging", clock);

        JsonNode read = json.readTree(api.get("/api/v1/subscriptions/" + id, admin("imaging")).body());
        assertThat(read.get("status").asString()).isEqualTo("EXPIRED");
        SubscriptionExpiredV1 expired = data(awaitRecord(Topics.BILLING_EVENTS, account, SubscriptionExpiredV1.TYPE,
                WAIT), SubscriptionExpiredV1.class);
        assertThat(expired.subscriptionId()).isEqualTo(id);
        // declined at the renewal, retried 1 s and 2 s later on the clock, and expired with the last decline
        assertThat(expired.expiredAt()).isEqualTo(renewal.plusSeconds(2));
        // the first attempt at the renewal and both retries (1 s apart on the clock) were charged and declined
        assertThat(jdbc.sql("SELECT count(*) FROM charges WHERE account_id = ? AND status = 'FAILED'")
                .param(account).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void clocksAreForTestModeKeysOfTheirOwnTenant() {
        var live = api.post("/api/v1/test-clocks", "{}", admin("panel"));
        assertThat(live.status()).isEqualTo(403);
        assertThat(live.body()).contains("test-mode-only");
        String clock = createClock("panel", START);
        assertThat(api.get("/api/v1/test-clocks/" + clock, admin("panel")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/accounts", """
                {"externalRef": "live", "role": "CUSTOMER", "testClock": "%s"}""".formatted(clock), admin("panel"))
                .status()).isEqualTo(403);

        assertThat(api.get("/api/v1/test-clocks/" + clock, testMode("studio")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/test-clocks/" + clock + "/advance", """
                {"to": "2032-01-01T00:00:00Z"}""", testMode("studio")).status()).isEqualTo(404);
        var foreign = api.post("/api/v1/accounts", """
                {"externalRef": "foreign", "role": "CUSTOMER", "testClock": "%s"}""".formatted(clock),
                testMode("studio"));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body()).contains("unknown-test-clock");
        JsonNode untouched = json.readTree(api.get("/api/v1/test-clocks/" + clock, testMode("panel")).body());
        assertThat(untouched.get("accounts").asInt()).isZero();
        assertThat(untouched.get("frozenTime").asString()).isEqualTo(START.toString());
    }

    @Test
    void advancesGoForwardOnlyAndOneAtATime() throws Exception {
        String clock = createClock("smm", START);
        openOnClock("smm", clock);
        for (String to : List.of("2031-01-15T10:00:00Z", "2031-01-01T00:00:00Z", "2034-01-15T10:00:00Z")) {
            var refused = api.post("/api/v1/test-clocks/" + clock + "/advance", """
                    {"to": "%s"}""".formatted(to), testMode("smm"));
            assertThat(refused.status()).as(to).isEqualTo(400);
        }
        assertThat(api.post("/api/v1/test-clocks/" + clock + "/advance", "{\"to\": 5}", testMode("smm")).status())
                .isEqualTo(400);

        List<Integer> statuses = ParallelCalls.run(8, i -> api.post("/api/v1/test-clocks/" + clock + "/advance", """
                {"to": "2031-02-20T00:00:00Z"}""", testMode("smm")).status());
        // one advance; the others find it under way (409) or, once it is done, the clock already there (400)
        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(202, 409, 400));
        assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
        JsonNode ready = awaitReady("smm", clock);
        assertThat(ready.get("frozenTime").asString()).isEqualTo("2031-02-20T00:00:00Z");
    }

    @Test
    void aClockTakesTenAccountsEvenWhenMoreArriveAtOnce() {
        String clock = createClock("studio", START);

        List<Integer> statuses = ParallelCalls.run(16, i -> api.post("/api/v1/accounts", """
                {"externalRef": "crowd-%d", "role": "CUSTOMER", "testClock": "%s"}""".formatted(i, clock),
                testMode("studio")).status());

        assertThat(statuses).containsOnly(201, 422);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(TestClocks.MAX_ACCOUNTS_PER_CLOCK);
        JsonNode read = json.readTree(api.get("/api/v1/test-clocks/" + clock, testMode("studio")).body());
        assertThat(read.get("accounts").asInt()).isEqualTo(TestClocks.MAX_ACCOUNTS_PER_CLOCK);
    }

    /** An advance some service never reports does not leave its clock ADVANCING for good; advancing further resumes. */
    @Test
    void anAdvanceNotEveryServiceReportedFailsAfterAWhile() {
        String stale = createClock("panel", START);
        String fresh = createClock("panel", START);
        Instant to = START.plus(Duration.ofDays(1));
        Instant now = Instant.now();
        for (var clock : List.of(stale, fresh)) {
            jdbc.sql("""
                            UPDATE test_clocks SET status = 'ADVANCING', advancing_to = ?, frozen_time = ?,
                                                   billing_done = TRUE, billing_done_at = ?
                            WHERE id = ?""")
                    .params(Timestamp.from(to), Timestamp.from(to), Timestamp.from(clock.equals(stale)
                            ? now.minus(Duration.ofMinutes(11)) : now.minus(Duration.ofMinutes(1))), clock)
                    .update();
        }

        clocks.failUnreported(now, Duration.ofMinutes(10));

        JsonNode failed = json.readTree(api.get("/api/v1/test-clocks/" + stale, testMode("panel")).body());
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failure").asString()).contains("600 s");
        assertThat(json.readTree(api.get("/api/v1/test-clocks/" + fresh, testMode("panel")).body())
                .get("status").asString()).isEqualTo("ADVANCING");
        advance("panel", stale, to.plus(Duration.ofDays(1)));
        assertThat(awaitReady("panel", stale).get("failure").isNull()).isTrue();
    }

    private String createClock(String tenant, Instant frozenTime) {
        JsonNode clock = created(api.post("/api/v1/test-clocks", """
                {"name": "integration", "frozenTime": "%s"}""".formatted(frozenTime), testMode(tenant)));
        assertThat(clock.get("id").asString()).startsWith("clk_");
        assertThat(clock.get("status").asString()).isEqualTo("READY");
        assertThat(clock.get("frozenTime").asString()).isEqualTo(frozenTime.toString());
        return clock.get("id").asString();
    }

    private String openOnClock(String tenant, String clock) {
        JsonNode account = created(api.post("/api/v1/accounts", """
                {"externalRef": "on-clock", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok",
                 "testClock": "%s"}""".formatted(clock),
                testMode(tenant)));
        assertThat(account.get("testClock").asString()).isEqualTo(clock);
        JsonNode clockNow = json.readTree(api.get("/api/v1/test-clocks/" + clock, testMode(tenant)).body());
        assertThat(account.get("createdAt").asString()).isEqualTo(clockNow.get("frozenTime").asString());
        return account.get("id").asString();
    }

    private JsonNode advance(String tenant, String clock, Instant to) {
        var response = api.post("/api/v1/test-clocks/" + clock + "/advance", """
                {"to": "%s"}""".formatted(to), testMode(tenant));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body());
    }

    private JsonNode awaitReady(String tenant, String clock) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> json.readTree(api.get("/api/v1/test-clocks/" + clock, testMode(tenant)).body()),
                read -> {
                    assertThat(read.get("status").asString()).as(read.toString()).isNotEqualTo("FAILED");
                    return read.get("status").asString().equals("READY");
                });
    }

    private int capturedCharges(String account) {
        return jdbc.sql("SELECT count(*) FROM charges WHERE account_id = ? AND status = 'SUCCEEDED'")
                .param(account).query(Integer.class).single();
    }
}
