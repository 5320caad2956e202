package dev.fairbill.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.fairbill.billing.payment.FakeProcessor.Received;
import dev.fairbill.billing.payment.PaymentGateway.CaptureRequest;
import dev.fairbill.billing.payment.PaymentGateway.Captured;
import dev.fairbill.billing.payment.PaymentGateway.Declined;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceRefused;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceRequest;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceSubmitted;
import dev.fairbill.billing.payment.PaymentGateway.RefundDeclined;
import dev.fairbill.billing.payment.PaymentGateway.RefundRequest;
import dev.fairbill.billing.payment.PaymentGateway.Refunded;
import dev.fairbill.platform.money.Money;

/**
 * The Stripe adapter against a local server that answers in Stripe's documented shapes: what Fairbill sends (amounts,
 * currency, payment method, off-session, idempotency keys, metadata) and how each answer maps onto the port.
 */
class StripePaymentGatewayTest {

    @RegisterExtension
    static final FakeStripe STRIPE = FakeStripe.start();
    private static final String INTENTS = "/v1/payment_intents";
    private static final String REFUNDS = "/v1/refunds";
    private static final Money EUR_1000 = Money.of(1000, "EUR");

    private final StripePaymentGateway gateway = gateway(1, Duration.ofSeconds(5));

    @Test
    void aCaptureCreatesAndConfirmsAPaymentIntentUnderTheChargeId() {
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_succeeded.json");

        var result = gateway.capture(new CaptureRequest("ch_1", EUR_1000, "cus_9/pm_1Fairbill", "Monthly", true));

        assertThat(result).isEqualTo(new Captured(FakeStripe.idFor("pi", "fairbill-capture-ch_1")));
        Received sent = STRIPE.received().getFirst();
        assertThat(sent.path()).isEqualTo(INTENTS);
        assertThat(sent.idempotencyKey()).isEqualTo("fairbill-capture-ch_1");
        assertThat(sent.authorization()).isEqualTo("Bearer sk_test_fake");
        assertThat(sent.form()).containsAllEntriesOf(Map.of("amount", "1000", "currency", "eur",
                "payment_method", "pm_1Fairbill", "customer", "cus_9", "confirm", "true", "off_session", "true",
                "metadata[fairbill_charge_id]", "ch_1", "metadata[fairbill_tenant]", "panel",
                "description", "Monthly"));
    }

    @Test
    void aChargeACallerAskedForIsNotOffSession() {
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_succeeded.json");

        gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "One-off", false));

        assertThat(STRIPE.received().getFirst().form()).doesNotContainKeys("off_session", "customer");
    }

    @Test
    void aDeclineAnswersWithItsDeclineCode() {
        STRIPE.answer("POST", INTENTS, 402, "error_card_declined.json");

        assertThat(gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isEqualTo(new Declined("insufficient_funds"));
    }

    @Test
    void aRenewalThatNeedsTheCustomerIsDeclinedAsAuthenticationRequired() {
        STRIPE.answer("POST", INTENTS, 402, "error_authentication_required.json");
        assertThat(gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isEqualTo(new Declined("authentication_required"));

        STRIPE.reset();
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_requires_action.json");
        assertThat(gateway.capture(new CaptureRequest("ch_2", EUR_1000, "pm_1Fairbill", "x", true)))
                .isEqualTo(new Declined("authentication_required"));
    }

    @Test
    void aRateLimitIsSentAgainWithTheSameKey() {
        STRIPE.answer("POST", INTENTS, 429, "error_rate_limit.json")
                .answer("POST", INTENTS, 200, "payment_intent_succeeded.json");

        assertThat(gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isEqualTo(new Captured(FakeStripe.idFor("pi", "fairbill-capture-ch_1")));
        assertThat(STRIPE.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-ch_1");
    }

    @Test
    void aTimeoutIsSentAgainWithTheSameKeyAndLeavesTheCallWaitingWhenItPersists() {
        var impatient = gateway(1, Duration.ofMillis(300));
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_succeeded.json", Duration.ofSeconds(2));

        assertThatThrownBy(() -> impatient.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isInstanceOf(ProcessorUnavailable.class);
        assertThat(STRIPE.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-ch_1");
    }

    @Test
    void aServerErrorPastTheRetriesLeavesTheCallWaiting() {
        STRIPE.answer("POST", INTENTS, 500, "error_api.json");

        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isInstanceOf(ProcessorUnavailable.class)
                .hasMessageNotContaining("pm_1Fairbill");
        assertThat(STRIPE.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-ch_1");
    }

    @Test
    void aPaymentStillProcessingIsReadAgainAndWaitsUntilDecided() {
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_processing.json")
                .answer("GET", INTENTS + "/", 200, "payment_intent_processing.json");
        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isInstanceOf(ProcessorUnavailable.class);

        STRIPE.reset();
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_processing.json")
                .answer("GET", INTENTS + "/", 200, "payment_intent_succeeded.json");
        assertThat(gateway.capture(new CaptureRequest("ch_1", EUR_1000, "pm_1Fairbill", "x", true)))
                .isEqualTo(new Captured(FakeStripe.idFor("pi", "fairbill-capture-ch_1")));
        assertThat(STRIPE.received().getLast().path())
                .isEqualTo(INTENTS + "/" + FakeStripe.idFor("pi", "fairbill-capture-ch_1"));
    }

    @Test
    void aPaymentMethodStripeCannotHaveIsUnknown() {
        assertThat(gateway.knows("pm_1Fairbill")).isTrue();
        assertThat(gateway.knows("cus_9/pm_1Fairbill")).isTrue();
        assertThat(gateway.knows("pm_card_ok")).isTrue();
        assertThat(gateway.knows("tok_visa")).isFalse();
        assertThat(gateway.knows("pm_1\u0000")).isFalse();
        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_1", EUR_1000, "4242424242424242", "x", true)))
                .isInstanceOf(UnknownPaymentMethodException.class)
                .hasMessageNotContaining("4242");
        assertThat(STRIPE.received()).isEmpty();
    }

    @Test
    void aRefundCreatesAStripeRefundOfThePaymentIntentUnderTheRefundId() {
        STRIPE.answer("POST", REFUNDS, 200, "refund_succeeded.json");

        var result = gateway.refund(new RefundRequest("rf_1", "ch_1", "pi_3Fairbill0000000001", "pm_1Fairbill",
                Money.of(400, "EUR")));

        assertThat(result).isEqualTo(new Refunded(FakeStripe.idFor("re", "fairbill-refund-rf_1")));
        Received sent = STRIPE.received().getFirst();
        assertThat(sent.idempotencyKey()).isEqualTo("fairbill-refund-rf_1");
        assertThat(sent.form()).containsAllEntriesOf(Map.of("payment_intent", "pi_3Fairbill0000000001",
                "amount", "400", "metadata[fairbill_refund_id]", "rf_1", "metadata[fairbill_charge_id]", "ch_1"));
    }

    @Test
    void aRefundStripeRefusesOrFailsPaysNothing() {
        STRIPE.answer("POST", REFUNDS, 400, "error_charge_already_refunded.json");
        assertThat(gateway.refund(new RefundRequest("rf_1", "ch_1", "pi_1", "pm_1", Money.of(400, "EUR"))))
                .isEqualTo(new RefundDeclined("charge_already_refunded"));

        STRIPE.reset();
        STRIPE.answer("POST", REFUNDS, 200, "refund_failed.json");
        assertThat(gateway.refund(new RefundRequest("rf_2", "ch_1", "pi_1", "pm_1", Money.of(400, "EUR"))))
                .isEqualTo(new RefundDeclined("expired_or_canceled_card"));
    }

    @Test
    void disputeEvidenceUpdatesTheDisputeAndSubmitsItUnderTheDisputesKey() {
        STRIPE.answer("POST", "/v1/disputes/", 200, "dispute_under_review.json");

        var result = gateway.submitDisputeEvidence(new EvidenceRequest("dp_1", "du_1Fairbill", "ch_1", "Monthly plan",
                Instant.parse("2026-11-02T10:15:30Z"), "2026-11-01T09:00:00Z AccountOpened", "The customer used it."));

        assertThat(result).isEqualTo(new EvidenceSubmitted());
        Received sent = STRIPE.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/disputes/du_1Fairbill");
        assertThat(sent.idempotencyKey()).isEqualTo("fairbill-evidence-dp_1");
        assertThat(sent.form()).containsAllEntriesOf(Map.of("submit", "true",
                "evidence[product_description]", "Monthly plan", "evidence[service_date]", "2026-11-02",
                "evidence[access_activity_log]", "2026-11-01T09:00:00Z AccountOpened",
                "evidence[uncategorized_text]", "The customer used it.", "metadata[fairbill_dispute_id]", "dp_1",
                "metadata[fairbill_charge_id]", "ch_1"));
    }

    @Test
    void evidenceStripeRefusesIsRefusedAndEvidenceItDoesNotAnswerWaits() {
        STRIPE.answer("POST", "/v1/disputes/", 400, "error_dispute_closed.json");
        var request = new EvidenceRequest("dp_1", "du_1", "ch_1", null, null, "log", "why");
        assertThat(gateway.submitDisputeEvidence(request)).isEqualTo(new EvidenceRefused("evidence_refused"));

        STRIPE.reset();
        STRIPE.answer("POST", "/v1/disputes/", 500, "error_api.json");
        assertThatThrownBy(() -> gateway.submitDisputeEvidence(request)).isInstanceOf(ProcessorUnavailable.class);
    }

    @Test
    void evidenceLongerThanStripeTakesInOneFieldIsCut() {
        STRIPE.answer("POST", "/v1/disputes/", 200, "dispute_under_review.json");

        gateway.submitDisputeEvidence(new EvidenceRequest("dp_1", "du_1", "ch_1", null, null, "x".repeat(25_000),
                "why"));

        assertThat(STRIPE.received().getFirst().form().get("evidence[access_activity_log]")).hasSize(20_000)
                .endsWith("…");
    }

    private static StripePaymentGateway gateway(int retries, Duration timeout) {
        return new StripePaymentGateway("panel", new ProcessorSettings.Stripe("sk_test_fake", STRIPE.base(), retries,
                timeout));
    }
}
