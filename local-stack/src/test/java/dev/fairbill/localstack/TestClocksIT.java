package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * Test clocks across the suite, through the gateway with the local test-mode keys: advancing a clock drives every
 * time-based rule of the accounts on it in billing, the ledger and the refund service, and the clock is READY only
 * once all three have caught up.
 */
@ExtendWith(TestStacks.Shared.class)
class TestClocksIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static GatewayClient gateway;

    @BeforeAll
    static void start() throws IOException {
        gateway = new GatewayClient(TestStacks.shared().gatewayUrl());
    }

    /**
     * A yearly subscription advanced thirteen months renews once; the lots that expire (a trial-like goodwill grant,
     * a hold) expire on the way, while the allowance stays, as it does for as long as the subscription is active.
     */
    @Test
    void yearlySubscriptionAdvancedThirteenMonthsRenewsOnceAndExpiresWhatExpires() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String clock = createClock("chat", start);
        String account = openOnClock("chat", clock);
        String subscription = gateway.created(gateway.post("/api/v1/subscriptions", "sk_test_chat", """
                {"accountId": "%s", "planId": "yearly"}""".formatted(account))).get("id").asString();
        gateway.awaitJson(ledger(account), "rk_test_chat", l -> l.get("balance").asLong() == 1200);
        Instant goodwillExpiry = start.atZone(ZoneOffset.UTC).plusMonths(6).toInstant();
        gateway.created(gateway.post(ledger(account) + "/grants", "sk_test_chat", """
                {"amount": 50, "source": "GOODWILL", "expiresAt": "%s"}""".formatted(goodwillExpiry)));
        String hold = gateway.created(gateway.post(ledger(account) + "/holds", "sk_test_chat", """
                {"amount": 30, "reference": "device-1", "expiresIn": "PT1H"}""")).get("id").asString();

        Instant to = start.atZone(ZoneOffset.UTC).plusMonths(13).toInstant();
        JsonNode ready = advanceAndAwaitReady("chat", clock, to);

        assertThat(ready.get("frozenTime").asString()).isEqualTo(to.toString());
        JsonNode renewed = gateway.ok(gateway.get("/api/v1/subscriptions/" + subscription, "rk_test_chat"));
        assertThat(renewed.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(renewed.get("currentPeriod").get("start").asString())
                .isEqualTo(start.atZone(ZoneOffset.UTC).plusYears(1).toInstant().toString());
        JsonNode books = gateway.ok(gateway.get(ledger(account), "rk_test_chat"));
        assertThat(books.get("lots").findValuesAsString("source"))
                .as("two periods' allowance; the goodwill lot expired")
                .containsExactly("SUBSCRIPTION_ALLOWANCE", "SUBSCRIPTION_ALLOWANCE");
        assertThat(books.get("balance").asLong()).isEqualTo(2400);
        assertThat(gateway.ok(gateway.get(ledger(account) + "/holds/" + hold, "rk_test_chat")).get("status")
                .asString()).isEqualTo("EXPIRED");
    }

    /** A review is escalated once five business days of the clock have passed, not a minute before. */
    @Test
    void reviewEscalatesAfterFiveBusinessDaysOfTheClock() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String clock = createClock("imaging", start);
        String account = openOnClock("imaging", clock);
        String charge = gateway.created(gateway.post("/api/v1/charges", "sk_test_imaging", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "photo pack"}"""
                .formatted(account))).get("id").asString();
        String body = """
                {"accountId": "%s", "chargeId": "%s", "reason": "DUPLICATE_CHARGE"}""".formatted(account, charge);
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_imaging", body,
                preview -> preview.get("decision").get("outcome").asString().equals("NEEDS_REVIEW"));
        JsonNode opened = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_imaging", body));
        String id = opened.get("id").asString();
        Instant dueBy = Instant.parse(opened.get("reviewDueBy").asString());
        assertThat(Duration.between(start, dueBy)).as("five business days of the clock")
                .isBetween(Duration.ofDays(5), Duration.ofDays(9));

        advanceAndAwaitReady("imaging", clock, dueBy.minus(Duration.ofMinutes(1)));
        assertThat(refundCase(id).get("escalated").asBoolean()).as("not yet due").isFalse();

        advanceAndAwaitReady("imaging", clock, dueBy.plus(Duration.ofMinutes(1)));
        JsonNode escalated = refundCase(id);
        assertThat(escalated.get("escalated").asBoolean()).isTrue();
        assertThat(escalated.get("status").asString()).isEqualTo("IN_REVIEW");
    }

    private static String createClock(String tenant, Instant frozenTime) {
        JsonNode clock = gateway.created(gateway.post("/api/v1/test-clocks", "sk_test_" + tenant, """
                {"name": "suite", "frozenTime": "%s"}""".formatted(frozenTime)));
        return clock.get("id").asString();
    }

    private static String openOnClock(String tenant, String clock) {
        return gateway.created(gateway.post("/api/v1/accounts", "sk_test_" + tenant, """
                {"externalRef": "clocked", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok",
                 "testClock": "%s"}""".formatted(clock))).get("id").asString();
    }

    private static JsonNode advanceAndAwaitReady(String tenant, String clock, Instant to) {
        var advancing = gateway.post("/api/v1/test-clocks/" + clock + "/advance", "sk_test_" + tenant, """
                {"to": "%s"}""".formatted(to));
        assertThat(advancing.statusCode()).as(advancing.body()).isEqualTo(202);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> gateway.ok(gateway.get("/api/v1/test-clocks/" + clock, "rk_test_" + tenant)),
                read -> {
                    assertThat(read.get("status").asString()).as(read.toString()).isNotEqualTo("FAILED");
                    return read.get("status").asString().equals("READY");
                });
    }

    private static JsonNode refundCase(String id) {
        return gateway.ok(gateway.get("/api/v1/refund-requests/" + id, "rk_test_imaging"));
    }

    private static String ledger(String account) {
        return "/api/v1/ledgers/" + account;
    }
}
