package dev.fairbill.billing.web;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecords;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.subscription.PlanInterval;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.SubscriptionCancellationScheduledV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions over HTTP on real PostgreSQL with the sandbox processor, persistent deadlines (db-scheduler polling
 * every second) and the facts published on the real broker. A subscription imported with {@code backdateStartTo} so
 * that its current monthly period ends a few seconds from now renews for real, through the persisted deadline.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "fairbill.subscriptions.dunning.retry-delays=1s,1s",
        "fairbill.billing.sandbox.latency=0"})
class SubscriptionApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void firstChargeIsCapturedAndTheIncludedCreditsArePublished() {
        String account = openAccount("chat");

        var created = api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly", "couponPercentOff": 10}""".formatted(account), admin("chat"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode subscription = json.readTree(created.body());
        String id = subscription.get("id").asString();
        assertThat(id).startsWith("sub_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/subscriptions/" + id);
        assertThat(subscription.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(subscription.get("latestChargeId").asString()).startsWith("ch_");
        assertThat(subscription.get("listPrice").get("amount").asLong()).isEqualTo(1000);
        assertThat(subscription.get("price").get("amount").asLong()).isEqualTo(900);
        assertThat(subscription.get("currentPeriod").get("start").asString()).isNotBlank();
        assertThat(subscription.get("cancelAt").isNull()).isTrue();

        SubscriptionStartedV1 started = published(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class);
        assertThat(started.subscriptionId()).isEqualTo(id);
        assertThat(started.includedCredits()).isEqualTo(100);
        assertThat(started.chargeId()).isEqualTo(subscription.get("latestChargeId").asString());
        assertThat(started.price().amount()).isEqualTo(900);
        assertThat(started.listPrice().amount()).isEqualTo(1000);

        var charge = api.get("/api/v1/charges/" + started.chargeId(), admin("chat"));
        assertThat(charge.status()).isEqualTo(200);
        assertThat(json.readTree(charge.body()).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void periodEndRenewsThroughThePersistentDeadline() {
        String account = openAccount("studio");
        JsonNode subscription = api.subscribeEndingIn(account, "studio", Duration.ofSeconds(5));
        String end = subscription.get("currentPeriod").get("end").asString();
        published(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class);

        SubscriptionRenewedV1 renewed = published(account, SubscriptionRenewedV1.TYPE, SubscriptionRenewedV1.class);

        assertThat(renewed.subscriptionId()).isEqualTo(subscription.get("id").asString());
        assertThat(renewed.periodStart()).isEqualTo(Instant.parse(end));
        assertThat(renewed.includedCredits()).isEqualTo(100);
        JsonNode read = get(subscription.get("id").asString(), "studio");
        assertThat(read.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(read.get("currentPeriod").get("start").asString()).isEqualTo(end);
        assertThat(read.get("latestChargeId").asString()).isEqualTo(renewed.chargeId())
                .isNotEqualTo(subscription.get("latestChargeId").asString());
    }

    @Test
    void declinedRenewalIsRetriedThenExpires() {
        String account = openAccount("imaging");
        JsonNode subscription = api.subscribeEndingIn(account, "imaging", Duration.ofSeconds(5));
        String id = subscription.get("id").asString();
        published(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class);

        var changed = api.post("/api/v1/subscriptions/" + id + "/payment-method", """
                {"paymentMethod": "pm_card_declined"}""", admin("imaging"));
        assertThat(changed.status()).isEqualTo(200);

        SubscriptionExpiredV1 expired = published(account, SubscriptionExpiredV1.TYPE, SubscriptionExpiredV1.class);
        assertThat(expired.subscriptionId()).isEqualTo(id);
        assertThat(get(id, "imaging").get("status").asString()).isEqualTo("EXPIRED");
        assertThat(api.get("/api/v1/charges/" + expired.lastChargeId(), admin("imaging")).body())
                .contains("FAILED");
    }

    @Test
    // final-sale-duplicates-refunded §1.2, final-sale-reseller §10
    void endOfPeriodCancellationIsWithdrawableThenEndsAtThePeriodEnd() {
        String account = openAccount("panel");
        JsonNode subscription = api.subscribeEndingIn(account, "panel", Duration.ofSeconds(5));
        String id = subscription.get("id").asString();
        String end = subscription.get("currentPeriod").get("end").asString();

        var scheduled = api.post("/api/v1/subscriptions/" + id + "/cancel", """
                {"mode": "END_OF_PERIOD", "reason": "trying again"}""", admin("panel"));
        assertThat(scheduled.status()).isEqualTo(200);
        assertThat(json.readTree(scheduled.body()).get("status").asString()).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(json.readTree(scheduled.body()).get("cancelAt").asString()).isEqualTo(end);
        assertThat(json.readTree(scheduled.body()).has("refundCaseId")).isFalse();

        var withdrawn = api.post("/api/v1/subscriptions/" + id + "/cancellation/withdraw", null, admin("panel"));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(json.readTree(withdrawn.body()).get("status").asString()).isEqualTo("ACTIVE");
        var nothingToWithdraw = api.post("/api/v1/subscriptions/" + id + "/cancellation/withdraw", null,
                admin("panel"));
        assertThat(nothingToWithdraw.status()).isEqualTo(409);
        assertThat(nothingToWithdraw.header("Content-Type")).startsWith("application/problem+json");

        var again = api.post("/api/v1/subscriptions/" + id + "/cancel", """
                {"requestRefund": true, "refundReason": "CHANGE_OF_MIND"}""", admin("panel"));
        assertThat(again.status()).isEqualTo(200);
        // ADR 0014: billing names the refund case the refund service will open from the published cancellation
        String refundCaseId = json.readTree(again.body()).get("refundCaseId").asString();
        assertThat(refundCaseId).startsWith("rc_");
        // the first cancellation, withdrawn, was scheduled without a refund; this one requests it
        SubscriptionCancellationScheduledV1 fact = awaitRecords(Topics.BILLING_EVENTS, account,
                SubscriptionCancellationScheduledV1.TYPE, 2, WAIT).stream()
                .map(record -> data(record, SubscriptionCancellationScheduledV1.class))
                .filter(SubscriptionCancellationScheduledV1::refundRequested).findFirst().orElseThrow();
        assertThat(fact.refundReason()).isEqualTo("CHANGE_OF_MIND");
        assertThat(fact.refundCaseId()).isEqualTo(refundCaseId);

        SubscriptionCancelledV1 cancelled = published(account, SubscriptionCancelledV1.TYPE,
                SubscriptionCancelledV1.class);
        assertThat(cancelled.mode()).isEqualTo("END_OF_PERIOD");
        assertThat(cancelled.cancelledAt()).isEqualTo(Instant.parse(end));
        assertThat(cancelled.refundCaseId()).as("one request opens one case").isNull();
        assertThat(get(id, "panel").get("status").asString()).isEqualTo("CANCELLED");
        var afterEnd = api.post("/api/v1/subscriptions/" + id + "/cancellation/withdraw", null, admin("panel"));
        assertThat(afterEnd.status()).isEqualTo(409);
    }

    @Test
    void immediateCancellationEndsNowAndCannotBeRepeated() { // final-sale-duplicates-refunded §1.3
        String account = openAccount("smm");
        String id = json.readTree(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "yearly"}""".formatted(account), admin("smm")).body())
                .get("id").asString();

        var cancelled = api.post("/api/v1/subscriptions/" + id + "/cancel", """
                {"mode": "IMMEDIATE", "reason": "closing the shop"}""", admin("smm"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(json.readTree(cancelled.body()).get("status").asString()).isEqualTo("CANCELLED");
        SubscriptionCancelledV1 fact = published(account, SubscriptionCancelledV1.TYPE, SubscriptionCancelledV1.class);
        assertThat(fact.mode()).isEqualTo("IMMEDIATE");
        assertThat(fact.refundRequested()).isFalse();

        var twice = api.post("/api/v1/subscriptions/" + id + "/cancel", """
                {"mode": "IMMEDIATE"}""", admin("smm"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("subscription-ended");
    }

    @Test
    void badRequestsChangeNothing() {
        String account = openAccount("panel");

        var unknownPlan = api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "platinum"}""".formatted(account), admin("panel"));
        assertThat(unknownPlan.status()).isEqualTo(422);
        assertThat(unknownPlan.body()).contains("unknown-plan");

        var otherTenantsAccount = api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account), admin("studio"));
        assertThat(otherTenantsAccount.status()).isEqualTo(422);

        var badCoupon = api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly", "couponPercentOff": 100}""".formatted(account),
                admin("panel"));
        assertThat(badCoupon.status()).isEqualTo(400);

        String id = json.readTree(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account), admin("panel")).body())
                .get("id").asString();
        assertThat(api.get("/api/v1/subscriptions/" + id, admin("studio")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/subscriptions/" + id + "/cancel", "{}", admin("studio")).status())
                .isEqualTo(404);
        assertThat(get(id, "panel").get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void planChangeIsShownAsTheNextPlan() {
        String account = openAccount("chat");
        String id = json.readTree(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account), admin("chat")).body())
                .get("id").asString();

        var changed = api.post("/api/v1/subscriptions/" + id + "/plan", """
                {"planId": "yearly"}""", admin("chat"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("planId").asString()).isEqualTo("monthly");
        assertThat(json.readTree(changed.body()).get("nextPlanId").asString()).isEqualTo("yearly");
    }

    @Test
    void catalogListsTheFixturePlansAndProducts() {
        JsonNode plans = json.readTree(api.get("/api/v1/plans", bearer(TestJwts.readOnly("smm"))).body());
        JsonNode products = json.readTree(api.get("/api/v1/products", bearer(TestJwts.readOnly("smm"))).body());

        assertThat(plans.get("data").valueStream().map(plan -> plan.get("id").asString()))
                .containsExactly("monthly", "yearly", "trial-monthly");
        assertThat(plans.get("data").get(1).get("listPrice").get("amount").asLong()).isEqualTo(12000);
        assertThat(plans.get("nextCursor").isNull()).isTrue();
        assertThat(products.get("data").valueStream().map(product -> product.get("id").asString()))
                .containsExactly("credits-500", "followers-2000");
        assertThat(products.get("data").get(1).get("refillWindowDays").asLong()).isEqualTo(30);
        assertThat(products.get("data").get(1).get("maxDeliveryHours").asLong()).isEqualTo(72);
    }

    @Test
    void periodEndingSoonIsExactOnEveryDayOfTheYear() {
        // the helper below must not depend on the day it runs: 29th-31st clamp in shorter months
        for (var day = LocalDate.of(2027, 1, 1); day.isBefore(LocalDate.of(2029, 1, 1)); day = day.plusDays(1)) {
            Instant end = day.atTime(23, 59, 58).toInstant(ZoneOffset.UTC);
            Instant start = BillingApi.startOfPeriodEnding(end);
            long months = ChronoUnit.MONTHS.between(start.atZone(ZoneOffset.UTC), end.atZone(ZoneOffset.UTC));
            assertThat(PlanInterval.MONTH.periodStart(start, months)).as(day.toString()).isEqualTo(end);
            assertThat(PlanInterval.MONTH.periodStart(start, months - 1)).as(day.toString()).isBefore(end);
        }
    }

    private String openAccount(String tenant) {
        return api.openAccount(tenant, """
                {"externalRef": "sub-it-%s", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}"""
                .formatted(UUID.randomUUID()));
    }

    private JsonNode get(String id, String tenant) {
        var read = api.get("/api/v1/subscriptions/" + id, admin(tenant));
        assertThat(read.status()).isEqualTo(200);
        return json.readTree(read.body());
    }

    /** Waits for the first message of {@code type} about the account. */
    private static <T> T published(String accountId, String type, Class<T> data) {
        return data(awaitRecord(Topics.BILLING_EVENTS, accountId, type, WAIT), data);
    }
}
