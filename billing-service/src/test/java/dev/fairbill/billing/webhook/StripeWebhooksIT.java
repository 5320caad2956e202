package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.payment.FakeStripe;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's webhooks for a tenant on Stripe: a refund made in Stripe's dashboard shows on its charge once, however
 * often Stripe reports it, and no refund through Fairbill can pay that money back again; a refund Fairbill made is not
 * counted twice when Stripe reports it too; a capture that was still processing is recorded when Stripe reports the
 * payment decided, long before the sweep would ask again; a refund that fails after Stripe accepted it is reversed
 * on its charge, and the refund id asked for again goes to Stripe under a key of its own.
 */
@IntegrationTest
class StripeWebhooksIT {

    @RegisterExtension
    static final FakeStripe STRIPE = FakeStripe.start();

    @LocalServerPort int port;
    @Autowired ChargePayments payments;
    @Autowired JdbcClient jdbc;
    private WebhookTestSupport webhooks;
    private BillingApi api;

    @DynamicPropertySource
    static void stripeForStudio(DynamicPropertyRegistry properties) {
        STRIPE.serve("studio", properties);
        // the sweep never makes a call again during these tests: only the webhooks do
        properties.add("fairbill.billing.payment-calls.grace", () -> "1h");
        properties.add("fairbill.billing.payment-calls.sweep-interval", () -> "1h");
    }

    @BeforeEach
    void setUp() {
        webhooks = new WebhookTestSupport(port);
        api = webhooks.api();
        STRIPE.answer("POST", "/v1/payment_intents", 200, "payment_intent_succeeded.json")
                .answer("POST", "/v1/refunds", 200, "refund_succeeded.json");
    }

    @Test
    void aRefundMadeInTheDashboardShowsOnceAndIsNeverPaidAgain() {
        JsonNode charge = stripeCharge();
        String paymentIntent = charge.get("processorChargeId").asString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String created = refundEvent("refund.created", "re_dashboard_" + UUID.randomUUID(), paymentIntent, 300,
                "succeeded", null, now);

        deliver(created, now);
        awaitRefunded(charge, 300);

        // Stripe reports the same refund again, under another event
        String refundId = WebhookTestSupport.JSON.readTree(created).path("data").path("object").path("id").asString();
        String updated = refundEvent("charge.refund.updated", refundId, paymentIntent, 300, "succeeded", null, now);
        deliver(updated, now);
        deliver(created, now);
        awaitProcessed(updated);
        assertThat(amountRefunded(read(charge))).isEqualTo(300);

        // what is left is 700: a refund of 800 is refused, and Stripe is not asked
        refundThroughFairbill(charge, Ids.generate(IdPrefix.REFUND), 800);
        assertThat(amountRefunded(read(charge))).isEqualTo(300);
        assertThat(STRIPE.received()).noneMatch(request -> request.path().equals("/v1/refunds"));
    }

    @Test
    void aRefundFairbillMadeIsNotCountedAgainWhenStripeReportsIt() {
        JsonNode charge = stripeCharge();
        String refundId = Ids.generate(IdPrefix.REFUND);
        refundThroughFairbill(charge, refundId, 400);
        assertThat(amountRefunded(read(charge))).isEqualTo(400);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String reported = refundEvent("refund.created", FakeStripe.idFor("re", "fairbill-refund-" + refundId),
                charge.get("processorChargeId").asString(), 400, "succeeded", refundId, now);

        deliver(reported, now);

        awaitProcessed(reported);
        assertThat(amountRefunded(read(charge))).isEqualTo(400);
    }

    @Test
    void aRefundThatFailsAfterStripeAcceptedItIsReversedAndAskedForAgainUnderAKeyOfItsOwn() {
        JsonNode charge = stripeCharge();
        String refundId = Ids.generate(IdPrefix.REFUND);
        refundThroughFairbill(charge, refundId, 400);
        assertThat(amountRefunded(read(charge))).isEqualTo(400);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String failed = refundEvent("refund.updated", FakeStripe.idFor("re", "fairbill-refund-" + refundId),
                charge.get("processorChargeId").asString(), 400, "failed", refundId, now);

        deliver(failed, now);

        awaitRefunded(charge, 0);
        assertThat(read(charge).get("status").asString()).isEqualTo("SUCCEEDED");

        // asked for again: Stripe would answer the first key with the failed refund, so the attempt has its own key
        refundThroughFairbill(charge, refundId, 400);
        assertThat(amountRefunded(read(charge))).isEqualTo(400);
        assertThat(STRIPE.received()).filteredOn(request -> request.path().equals("/v1/refunds"))
                .extracting(FakeStripe.Received::idempotencyKey)
                .containsExactly("fairbill-refund-" + refundId, "fairbill-refund-" + refundId + "-attempt-2");

        // the first refund's failure reported again changes nothing: the second refund stands
        String again = refundEvent("charge.refund.updated", FakeStripe.idFor("re", "fairbill-refund-" + refundId),
                charge.get("processorChargeId").asString(), 400, "failed", refundId, now);
        deliver(again, now);
        awaitProcessed(again);
        assertThat(amountRefunded(read(charge))).isEqualTo(400);
    }

    @Test
    void aCaptureStillProcessingIsRecordedWhenStripeReportsThePaymentDecided() {
        STRIPE.reset();
        STRIPE.answer("POST", "/v1/payment_intents", 200, "payment_intent_processing.json")
                .answer("GET", "/v1/payment_intents/", 200, "payment_intent_processing.json")
                .answer("GET", "/v1/payment_intents/", 200, "payment_intent_succeeded.json");
        JsonNode charge = stripeCharge();
        assertThat(charge.get("status").asString()).isEqualTo("PENDING");
        String chargeId = charge.get("id").asString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String succeeded = """
                {"id": "evt_%s", "object": "event", "type": "payment_intent.succeeded", "created": %d,
                 "livemode": false, "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 1000,
                  "currency": "eur", "status": "succeeded", "metadata": {"fairbill_charge_id": "%s"}}}}"""
                .formatted(UUID.randomUUID(), now.getEpochSecond(),
                        FakeStripe.idFor("pi", "fairbill-capture-" + chargeId), chargeId);

        deliver(succeeded, now);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(read(charge).get("status").asString()).isEqualTo("SUCCEEDED"));
        assertThat(read(charge).get("processorChargeId").asString())
                .isEqualTo(FakeStripe.idFor("pi", "fairbill-capture-" + chargeId));
    }

    /** A refund of the charge through Fairbill, paid by Stripe. */
    private void refundThroughFairbill(JsonNode charge, String refundId, long amount) {
        payments.refund(new RefundCharge(ChargeId.of(charge.get("id").asString()), refundId, "studio",
                AccountId.of(charge.get("accountId").asString()), Money.of(amount, "EUR"), "DUPLICATE_CHARGE"));
    }

    /** Stripe delivers the event, signed; billing takes it. */
    private void deliver(String event, Instant signedAt) {
        assertThat(webhooks.postStripe("studio", event, stripeSignature("studio", event, signedAt)).status())
                .isEqualTo(200);
    }

    private JsonNode stripeCharge() {
        String account = api.openCustomer("studio", UUID.randomUUID().toString());
        return BillingApi.created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Monthly",
                 "paymentMethod": "pm_card_visa"}""".formatted(account), admin("studio")));
    }

    private void awaitRefunded(JsonNode charge, long amount) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(amountRefunded(read(charge))).isEqualTo(amount));
    }

    private void awaitProcessed(String event) {
        String eventId = WebhookTestSupport.JSON.readTree(event).path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM webhook_deliveries WHERE event_id = ? AND processed_at IS NOT NULL""")
                .param(eventId).query(Long.class).single() == 1);
    }

    private JsonNode read(JsonNode charge) {
        return BillingApi.JSON.readTree(api.get("/api/v1/charges/" + charge.get("id").asString(), admin("studio"))
                .body());
    }

    private static long amountRefunded(JsonNode charge) {
        return charge.get("amountRefunded").get("amount").asLong();
    }

    /** A Stripe event carrying a Refund object, as Stripe's API reference shows it. */
    private static String refundEvent(String type, String refundId, String paymentIntent, long amount, String status,
                                      String fairbillRefundId, Instant created) {
        String metadata = fairbillRefundId == null ? "{}" : "{\"fairbill_refund_id\": \"" + fairbillRefundId + "\"}";
        // a failed refund names why; Stripe's reasons include expired_or_canceled_card and lost_or_stolen_card
        String failure = "failed".equals(status) ? "\"failure_reason\": \"expired_or_canceled_card\"," : "";
        return """
                {"id": "evt_%s", "object": "event", "type": "%s", "created": %d, "livemode": false,
                 "data": {"object": {"id": "%s", "object": "refund", "amount": %d, "currency": "eur",
                  "charge": "ch_3%s", "payment_intent": "%s", "status": "%s", "reason": "requested_by_customer", %s
                  "metadata": %s, "created": %d}}}""".formatted(UUID.randomUUID(), type, created.getEpochSecond(),
                refundId, amount, UUID.randomUUID().toString().replace("-", ""), paymentIntent, status, failure,
                metadata, created.getEpochSecond());
    }
}
