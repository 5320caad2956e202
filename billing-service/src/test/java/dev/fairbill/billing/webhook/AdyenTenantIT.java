package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.webhook.WebhookTestSupport.adyenPaymentNotification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.charge.Charge;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.payment.FakeAdyen;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * A tenant on Adyen, with a local server in Adyen's place and Adyen's signed notifications: a payment with a stored
 * card captures; a payment Adyen received is decided by its {@code AUTHORISATION}; a refund is only received until
 * its {@code REFUND} notification pays or fails it, and a refund that fails after it was paid
 * ({@code REFUND_FAILED}) is reversed; a refund made in Adyen's Customer Area shows on the charge once.
 */
@IntegrationTest
class AdyenTenantIT {

    private static final String PAYMENTS = FakeAdyen.VERSION + "/payments";
    private static final String CARD = "shopper-it/8415718415172204";

    @RegisterExtension
    static final FakeAdyen ADYEN = FakeAdyen.start();

    @LocalServerPort int port;
    @Autowired ChargePayments payments;
    @Autowired JdbcClient jdbc;
    @Autowired EventStore events;
    private WebhookTestSupport webhooks;

    @DynamicPropertySource
    static void adyenForStudio(DynamicPropertyRegistry properties) {
        ADYEN.serve("studio", properties);
        properties.add("fairbill.billing.payment-calls.grace", () -> "1h");
        properties.add("fairbill.billing.payment-calls.sweep-interval", () -> "1h");
        properties.add("fairbill.webhook-processing.poll-interval", () -> "100ms");
    }

    @BeforeEach
    void setUp() {
        webhooks = new WebhookTestSupport(port);
        ADYEN.answer("POST", PAYMENTS + "/", 201, "refunds_received.json")
                .answer("POST", PAYMENTS, 200, "payments_authorised.json");
    }

    @Test
    void aRefundIsReceivedAndPaidOnlyWhenItsNotificationSaysSo() {
        JsonNode charge = adyenCharge();
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(charge.get("processor").asString()).isEqualTo("adyen");
        String psp = charge.get("processorChargeId").asString();
        assertThat(psp).isEqualTo(FakeAdyen.pspFor("fairbill-capture-" + charge.get("id").asString()));
        String refundId = refund(charge, 400);

        // received, not paid: the refund is still under way, and nothing more can be refunded than is left
        assertThat(amountRefunded(read(charge))).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM payment_calls WHERE call_key = ?").param(refundId)
                .query(Long.class).single()).isZero();
        String refundPsp = FakeAdyen.pspFor("fairbill-refund-" + refundId);

        notify(adyenPaymentNotification("studio", "REFUND", refundPsp, psp, refundId, 400, true, ""));
        awaitRefunded(charge, 400);

        // Adyen pays it and then reports it failed: it is reversed, and the money may be refunded again
        notify(adyenPaymentNotification("studio", "REFUND_FAILED", refundPsp, psp, refundId, 400, true, ""));
        awaitRefunded(charge, 0);
        assertThat(read(charge).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aRefundAdyenFailsIsNotPaidAndMayBeAskedForAgain() {
        JsonNode charge = adyenCharge();
        String psp = charge.get("processorChargeId").asString();
        String refundId = refund(charge, 1000);

        notify(adyenPaymentNotification("studio", "REFUND", FakeAdyen.pspFor("fairbill-refund-" + refundId), psp,
                refundId, 1000, false, "Refund failed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(charge, ChargeRefundFailed.class).size() == 1);
        assertThat(amountRefunded(read(charge))).isZero();

        refund(charge, 1000, refundId);
        assertThat(ADYEN.received()).filteredOn(request -> request.path().endsWith("/refunds"))
                .extracting(request -> request.idempotencyKey())
                .containsExactly("fairbill-refund-" + refundId, "fairbill-refund-" + refundId + "-attempt-2");
    }

    @Test
    void aPaymentAdyenReceivedIsCapturedByItsAuthorisation() {
        ADYEN.reset();
        ADYEN.answer("POST", PAYMENTS, 200, "payments_received.json");
        JsonNode charge = adyenCharge();
        assertThat(charge.get("status").asString()).isEqualTo("PENDING");
        String chargeId = charge.get("id").asString();

        notify(adyenPaymentNotification("studio", "AUTHORISATION", "AUTH000000000001", "", chargeId, 1000, true,
                ""));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(read(charge).get("status").asString()).isEqualTo("SUCCEEDED"));
        assertThat(read(charge).get("processorChargeId").asString()).isEqualTo("AUTH000000000001");
        // the same authorisation of another tenant's charge id changes nothing of it
        assertThat(webhooks.postAdyen("panel", adyenPaymentNotification("panel", "AUTHORISATION",
                "AUTH000000000002", "", chargeId, 1000, false, "Refused")).status()).isEqualTo(200);
    }

    @Test
    void aRefundMadeInTheCustomerAreaShowsOnceAndIsNeverPaidAgain() {
        JsonNode charge = adyenCharge();
        String psp = charge.get("processorChargeId").asString();
        String notification = adyenPaymentNotification("studio", "REFUND", "CA00000000000001", psp,
                "operator refund 17", 300, true, "");

        notify(notification);
        notify(notification);
        awaitRefunded(charge, 300);

        // 700 is left: a refund of 800 is refused, and Adyen is not asked
        payments.refund(new RefundCharge(ChargeId.of(charge.get("id").asString()), Ids.generate(IdPrefix.REFUND),
                "studio", AccountId.of(charge.get("accountId").asString()), Money.of(800, "EUR"),
                "DUPLICATE_CHARGE"));
        assertThat(amountRefunded(read(charge))).isEqualTo(300);
        assertThat(ADYEN.received()).noneMatch(request -> request.path().endsWith("/refunds"));
        assertThat(events(charge, ChargeRefunded.class)).singleElement()
                .satisfies(refunded -> assertThat(refunded.reason()).isEqualTo(Charge.REFUNDED_AT_PROCESSOR));
    }

    private <T> java.util.List<T> events(JsonNode charge, Class<T> type) {
        return events.readEvents(charge.get("id").asString()).asStream().map(event -> event.getPayload())
                .filter(type::isInstance).map(type::cast).toList();
    }

    private JsonNode adyenCharge() {
        String account = webhooks.api().openCustomer("studio", UUID.randomUUID().toString());
        return BillingApi.created(webhooks.api().post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Monthly",
                 "paymentMethod": "%s"}""".formatted(account, CARD), admin("studio")));
    }

    private String refund(JsonNode charge, long amount) {
        return refund(charge, amount, Ids.generate(IdPrefix.REFUND));
    }

    private String refund(JsonNode charge, long amount, String refundId) {
        payments.refund(new RefundCharge(ChargeId.of(charge.get("id").asString()), refundId, "studio",
                AccountId.of(charge.get("accountId").asString()), Money.of(amount, "EUR"), "DUPLICATE_CHARGE"));
        return refundId;
    }

    private void notify(String notification) {
        var response = webhooks.postAdyen("studio", notification);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("[accepted]");
    }

    private void awaitRefunded(JsonNode charge, long amount) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(amountRefunded(read(charge))).isEqualTo(amount));
    }

    private JsonNode read(JsonNode charge) {
        return BillingApi.JSON.readTree(webhooks.api().get("/api/v1/charges/" + charge.get("id").asString(),
                admin("studio")).body());
    }

    private static long amountRefunded(JsonNode charge) {
        return charge.get("amountRefunded").get("amount").asLong();
    }
}
