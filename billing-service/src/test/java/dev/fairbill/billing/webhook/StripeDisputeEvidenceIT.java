package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.payment.FakeStripe;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;

/**
 * A dispute on a charge a tenant took through Stripe: once the refund side of its evidence is compiled, billing
 * updates the Stripe dispute's evidence from the bundle and submits it, once, under the dispute's key (again after
 * Stripe did not answer); a later compilation is not sent again; the dispute Stripe then closes as lost is recorded
 * lost.
 */
@IntegrationTest
class StripeDisputeEvidenceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final FakeStripe STRIPE = FakeStripe.start();

    @LocalServerPort int port;
    private WebhookTestSupport webhooks;

    @DynamicPropertySource
    static void stripeForStudio(DynamicPropertyRegistry properties) {
        STRIPE.serve("studio", properties);
        properties.add("fairbill.billing.dispute-evidence.interval", () -> "200ms");
        properties.add("fairbill.billing.dispute-evidence.retry-after", () -> "1s");
        properties.add("fairbill.webhook-processing.poll-interval", () -> "100ms");
    }

    @BeforeEach
    void setUp() {
        webhooks = new WebhookTestSupport(port);
        // Stripe fails the first submission; the same one is made again under the same key
        STRIPE.answer("POST", "/v1/payment_intents", 200, "payment_intent_succeeded.json")
                .answer("POST", "/v1/disputes/", 500, "error_api.json")
                .answer("POST", "/v1/disputes/", 200, "dispute_under_review.json");
    }

    @Test
    void theCompiledEvidenceIsSubmittedToStripeOnceAndTheLostDisputeIsRecorded() {
        String account = webhooks.openCustomer("studio");
        JsonNode charge = BillingApi.created(webhooks.api().post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Annual plan",
                 "paymentMethod": "pm_card_visa"}""".formatted(account), admin("studio")));
        String stripeDispute = "du_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String created = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", stripeDispute,
                charge.get("processorChargeId").asString(), "needs_response", now);
        assertThat(webhooks.postStripe("studio", created, stripeSignature("studio", created, now)).status())
                .isEqualTo(200);
        String disputeId = Dispute.idFor("studio", "stripe", stripeDispute).value();
        Awaitility.await().atMost(WAIT).until(() -> dispute(disputeId) != null);
        assertThat(dispute(disputeId).get("evidence").isNull()).isTrue();

        attachRefundSide(disputeId, charge, account, now);

        JsonNode submitted = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> dispute(disputeId), d -> !d.get("evidence").isNull());
        assertThat(submitted.get("evidence").get("submission").asString()).isEqualTo("SUBMITTED");
        List<FakeStripe.Received> sent = disputeUpdates(stripeDispute);
        assertThat(sent).hasSize(2).extracting(FakeStripe.Received::idempotencyKey)
                .containsOnly("fairbill-evidence-" + disputeId);
        assertThat(sent.getLast().form()).containsEntry("submit", "true")
                .containsEntry("evidence[product_description]", "Annual plan")
                .containsEntry("metadata[fairbill_dispute_id]", disputeId)
                .containsEntry("metadata[fairbill_charge_id]", charge.get("id").asString());
        assertThat(sent.getLast().form().get("evidence[uncategorized_text]")).contains("refunded");
        assertThat(sent.getLast().form().get("evidence[access_activity_log]")).contains("AccountOpened")
                .contains("ChargeCaptured").contains("Already refunded 1000 of 1000 EUR");

        // a later compilation stays in the bundle, and Stripe, which decides now, is not sent it
        attachRefundSide(disputeId, charge, account, now.plusSeconds(5));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> disputeUpdates(stripeDispute).size() == 2);

        String lost = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.closed", stripeDispute,
                charge.get("processorChargeId").asString(), "lost", now.plusSeconds(10));
        assertThat(webhooks.postStripe("studio", lost, stripeSignature("studio", lost, now)).status())
                .isEqualTo(200);
        JsonNode closed = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> dispute(disputeId), d -> "CLOSED".equals(d.get("status").asString()));
        assertThat(closed.get("outcome").asString()).isEqualTo("LOST");
        assertThat(closed.get("evidence").get("submission").asString()).isEqualTo("SUBMITTED");
    }

    private static void attachRefundSide(String disputeId, JsonNode charge, String account, Instant compiledAt) {
        var refundSide = new AttachDisputeEvidenceRequestedV1(disputeId, charge.get("id").asString(), account,
                "studio", "CONTEST_REFUNDED", List.of(new AttachDisputeEvidenceRequestedV1.Item(compiledAt,
                "REFUND", charge.get("id").asString(), "Already refunded 1000 of 1000 EUR")), compiledAt);
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_REQUESTS, UUID.randomUUID().toString(),
                AttachDisputeEvidenceRequestedV1.TYPE, account, refundSide);
    }

    private JsonNode dispute(String disputeId) {
        var read = webhooks.api().get("/api/v1/disputes/" + disputeId, bearer(TestJwts.readOnly("studio")));
        return read.status() == 200 ? WebhookTestSupport.JSON.readTree(read.body()) : null;
    }

    private static List<FakeStripe.Received> disputeUpdates(String stripeDispute) {
        return STRIPE.received().stream().filter(request -> request.path().equals("/v1/disputes/" + stripeDispute))
                .toList();
    }
}
