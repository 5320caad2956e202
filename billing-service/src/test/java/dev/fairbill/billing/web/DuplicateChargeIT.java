package dev.fairbill.billing.web;

import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Duplicate charges (final-sale-reseller §8, final-sale-duplicates-refunded §4.3, exceptions-within-7-days part 3): the
 * later capture is flagged with
 * {@code duplicateOf} and published; the original never is.
 */
@IntegrationTest
class DuplicateChargeIT {

    @LocalServerPort int port;
    @Autowired ChargePayments payments;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void sameAccountAmountAndDescriptionWithinTheWindowFlagsTheLaterCharge() {
        String account = openAccount();
        String original = charge(account, "Top-up 20", false);
        String duplicate = charge(account, "Top-up 20", false);

        JsonNode flagged = awaitFlagged(duplicate);
        assertThat(flagged.get("duplicateOf").asString()).isEqualTo(original);
        assertThat(read(original).get("duplicateOf").isNull()).isTrue();

        // the account's only flagged charge
        ChargeFlaggedDuplicateV1 published = data(awaitRecord(Topics.BILLING_EVENTS, account,
                ChargeFlaggedDuplicateV1.TYPE, Duration.ofSeconds(30)), ChargeFlaggedDuplicateV1.class);
        assertThat(published.chargeId()).isEqualTo(duplicate);
        assertThat(published.duplicateOf()).isEqualTo(original);
        assertThat(published.rule()).isEqualTo("SAME_ACCOUNT_AMOUNT_DESCRIPTION");
        assertThat(published.amount().amount()).isEqualTo(2000);
    }

    @Test
    void chargeMarkedIntentionalIsNotADuplicate() {
        String account = openAccount();
        String first = charge(account, "Seat licence", false);
        String intentional = charge(account, "Seat licence", true);
        String marker = charge(account, "Seat licence", false);

        awaitFlagged(marker);
        assertThat(read(intentional).get("duplicateOf").isNull()).isTrue();
        assertThat(read(first).get("duplicateOf").isNull()).isTrue();
    }

    @Test
    void secondCaptureForTheSameSubscriptionPeriodIsADuplicate() {
        String account = openAccount();
        SubscriptionId subscription = SubscriptionId.generate();
        Instant period = Instant.parse("2026-11-01T00:00:00Z");
        ChargeId original = ChargeId.generate();
        ChargeId duplicate = ChargeId.generate();
        ChargeId nextPeriod = ChargeId.generate();

        payments.capture(renewal(original, account, subscription, period));
        payments.capture(renewal(duplicate, account, subscription, period));
        payments.capture(renewal(nextPeriod, account, subscription, Instant.parse("2026-12-01T00:00:00Z")));

        assertThat(awaitFlagged(duplicate.value()).get("duplicateOf").asString()).isEqualTo(original.value());
        assertThat(read(original.value()).get("duplicateOf").isNull()).isTrue();
        assertThat(read(nextPeriod.value()).get("duplicateOf").isNull()).isTrue();
    }

    @Test
    void secondChargeForTheSamePurchaseIsADuplicate() {
        String account = openAccount();
        JsonNode purchase = json.readTree(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok"}""".formatted(account),
                admin()).body());
        String original = purchase.get("chargeId").asString();

        var again = api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 2500, "currency": "EUR"}, "description": "500 credits again",
                 "purchaseId": "%s", "paymentMethod": "pm_card_ok"}""".formatted(account,
                purchase.get("id").asString()), admin());
        assertThat(again.status()).isEqualTo(201);
        String duplicate = json.readTree(again.body()).get("id").asString();

        assertThat(awaitFlagged(duplicate).get("duplicateOf").asString()).isEqualTo(original);
        assertThat(read(original).get("duplicateOf").isNull()).isTrue();
    }

    private CaptureCharge renewal(ChargeId id, String account, SubscriptionId subscription, Instant period) {
        return new CaptureCharge(id, AccountId.of(account), "studio", Money.of(1000, "EUR"), "Monthly",
                subscription, period, null, "pm_card_ok", false);
    }

    private JsonNode awaitFlagged(String chargeId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read(chargeId), charge -> !charge.get("duplicateOf").isNull());
    }

    private JsonNode read(String chargeId) {
        var response = api.get("/api/v1/charges/" + chargeId, admin());
        assertThat(response.status()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String charge(String account, String description, boolean intentional) {
        var created = api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 2000, "currency": "EUR"}, "description": "%s",
                 "paymentMethod": "pm_card_ok", "intentional": %s}""".formatted(account, description, intentional),
                admin());
        assertThat(created.status()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private String openAccount() {
        return api.openCustomer("studio", "duplicate-it");
    }

    private static Map<String, String> admin() {
        return BillingApi.admin("studio");
    }
}
