package dev.fairbill.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.fairbill.billing.payment.FakeProcessor.Received;
import dev.fairbill.billing.payment.PaymentGateway.CaptureRequest;
import dev.fairbill.billing.payment.PaymentGateway.Captured;
import dev.fairbill.billing.payment.PaymentGateway.Declined;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceForOperator;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceRefused;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceSubmitted;
import dev.fairbill.billing.payment.PaymentGateway.RefundAccepted;
import dev.fairbill.billing.payment.PaymentGateway.RefundDeclined;
import dev.fairbill.billing.payment.PaymentGateway.RefundRequest;
import dev.fairbill.platform.money.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Adyen adapter against a local server that answers in Adyen's documented shapes: what Fairbill sends (amounts,
 * currency, idempotency keys, references, the stored card, the recurring model), and how each answer maps onto the
 * port's outcomes.
 */
class AdyenPaymentGatewayTest {

    @RegisterExtension
    static final FakeAdyen ADYEN = FakeAdyen.start();
    private static final String PAYMENTS = FakeAdyen.VERSION + "/payments";
    private static final String CARD = "shopper-42/8415718415172204";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DISPUTES = "/ca/services/DisputeService/v30";
    private static final PaymentGateway.EvidenceRequest EVIDENCE = new PaymentGateway.EvidenceRequest("dp_1",
            "DISPUTE00000001", "ch_1", "Monthly plan", Instant.parse("2026-11-02T10:15:30Z"),
            "2026-11-01T09:00:00Z AccountOpened\n2026-11-02T10:15:30Z ChargeCaptured (charge ch_1)",
            "The customer used the service (and paid for it).");

    private final AdyenPaymentGateway gateway = gateway(1);

    @Test
    void aCaptureIsAPaymentWithTheStoredCardUnderTheChargesKey() {
        ADYEN.answer("POST", PAYMENTS, 200, "payments_authorised.json");

        var result = gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, "Monthly plan", true));

        assertThat(result).isEqualTo(new Captured(FakeAdyen.pspFor("fairbill-capture-ch_1")));
        Received sent = ADYEN.received().getFirst();
        assertThat(sent.path()).isEqualTo(PAYMENTS);
        assertThat(sent.idempotencyKey()).isEqualTo("fairbill-capture-ch_1");
        assertThat(sent.authorization()).isEqualTo("AQE_test_panel");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.at("/amount/value").asLong()).isEqualTo(1000);
        assertThat(body.at("/amount/currency").asString()).isEqualTo("EUR");
        assertThat(body.at("/reference").asString()).isEqualTo("ch_1");
        assertThat(body.at("/merchantAccount").asString()).isEqualTo("FairbillECOM");
        assertThat(body.at("/paymentMethod/storedPaymentMethodId").asString()).isEqualTo("8415718415172204");
        assertThat(body.at("/shopperReference").asString()).isEqualTo("shopper-42");
        assertThat(body.at("/shopperInteraction").asString()).isEqualTo("ContAuth");
        assertThat(body.at("/recurringProcessingModel").asString()).isEqualTo("Subscription");
        assertThat(body.at("/metadata/fairbill_charge_id").asString()).isEqualTo("ch_1");
    }

    @Test
    void aChargeTheCallerAsksForIsACardOnFilePayment() {
        ADYEN.answer("POST", PAYMENTS, 200, "payments_authorised.json");

        gateway.capture(new CaptureRequest("ch_2", Money.of(1000, "EUR"), CARD, "Credits", false));

        assertThat(JSON.readTree(ADYEN.received().getFirst().body()).at("/recurringProcessingModel").asString())
                .isEqualTo("CardOnFile");
    }

    @Test
    void aRefusedPaymentIsDeclinedWithItsReason() {
        ADYEN.answer("POST", PAYMENTS, 200, "payments_refused.json");

        assertThat(gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null, true)))
                .isEqualTo(new Declined("insufficient_funds"));
    }

    @Test
    void aPaymentAdyenDecidesLaterWaitsForItsNotification() {
        ADYEN.answer("POST", PAYMENTS, 200, "payments_received.json");

        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null, true)))
                .isInstanceOf(ProcessorUnavailable.class).hasMessageContaining("Received");
    }

    @Test
    void aPaymentAdyenRefusesToValidateTakesNothing() {
        ADYEN.answer("POST", PAYMENTS, 422, "error_validation.json");

        assertThat(gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null, true)))
                .isEqualTo(new Declined("adyen_167"));
    }

    @Test
    void a5xxIsSentAgainUnderTheSameKeyAndThenWaits() {
        ADYEN.answer("POST", PAYMENTS, 500, "error_internal.json")
                .answer("POST", PAYMENTS, 200, "payments_authorised.json");

        assertThat(gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null, true)))
                .isEqualTo(new Captured(FakeAdyen.pspFor("fairbill-capture-ch_1")));
        assertThat(ADYEN.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-ch_1");

        ADYEN.reset();
        ADYEN.answer("POST", PAYMENTS, 500, "error_internal.json");
        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_2", Money.of(1000, "EUR"), CARD, null, true)))
                .isInstanceOf(ProcessorUnavailable.class);
        assertThat(ADYEN.received()).hasSize(2);
    }

    @Test
    void aRateLimitedPaymentIsSentAgainUnderTheSameKeyAfterAPause() {
        ADYEN.answer("POST", PAYMENTS, 429, "error_rate_limit.json")
                .answer("POST", PAYMENTS, 200, "payments_authorised.json");

        assertThat(gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null, true)))
                .isEqualTo(new Captured(FakeAdyen.pspFor("fairbill-capture-ch_1")));
        assertThat(ADYEN.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-ch_1");
    }

    @Test
    void aPaymentAdyenDoesNotAnswerInTimeIsSentAgainUnderTheSameKeyAndThenWaits() {
        var impatient = new AdyenPaymentGateway("panel", settings(List.of(), Duration.ofMillis(300)));
        ADYEN.answer("POST", PAYMENTS, 200, "payments_authorised.json", Duration.ofSeconds(2));

        assertThatThrownBy(() -> impatient.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null,
                true))).isInstanceOf(ProcessorUnavailable.class);
        assertThat(ADYEN.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-ch_1");
    }

    @Test
    void aKeyAdyenRefusesLeavesTheCallWaiting() {
        ADYEN.answer("POST", PAYMENTS, 401, "error_unauthorized.json");

        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), CARD, null, true)))
                .isInstanceOf(ProcessorUnavailable.class);
        assertThat(ADYEN.received()).hasSize(1);
    }

    @Test
    void aPaymentMethodThatIsNotAStoredCardIsRefusedBeforeAnythingIsSent() {
        assertThat(gateway.knows("pm_card_visa")).isFalse();
        assertThat(gateway.knows("4111111111111111")).isFalse();
        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("ch_1", Money.of(1000, "EUR"), "pm_card_visa",
                null, true))).isInstanceOf(UnknownPaymentMethodException.class);
        assertThat(ADYEN.received()).isEmpty();
    }

    @Test
    void aRefundIsReceivedUnderTheRefundsKeyAndDecidedByItsNotification() {
        ADYEN.answer("POST", PAYMENTS + "/", 201, "refunds_received.json");

        var result = gateway.refund(new RefundRequest("re_1", 2, "ch_1", "PAYMENT000000001", CARD,
                Money.of(400, "EUR")));

        assertThat(result).isEqualTo(new RefundAccepted(FakeAdyen.pspFor("fairbill-refund-re_1-attempt-2")));
        Received sent = ADYEN.received().getFirst();
        assertThat(sent.path()).isEqualTo(PAYMENTS + "/PAYMENT000000001/refunds");
        assertThat(sent.idempotencyKey()).isEqualTo("fairbill-refund-re_1-attempt-2");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.at("/reference").asString()).isEqualTo("re_1");
        assertThat(body.at("/amount/value").asLong()).isEqualTo(400);
        assertThat(body.at("/merchantAccount").asString()).isEqualTo("FairbillECOM");
    }

    @Test
    void aRefundAdyenRefusesPaysNothing() {
        ADYEN.answer("POST", PAYMENTS + "/", 422, "error_validation.json");

        assertThat(gateway.refund(new RefundRequest("re_1", "ch_1", "PAYMENT000000001", CARD, Money.of(400, "EUR"))))
                .isEqualTo(new RefundDeclined("adyen_167"));
    }

    @Test
    void disputeEvidenceWithoutConfiguredDefenseReasonsIsLeftForAnOperator() {
        assertThat(gateway.submitDisputeEvidence(new PaymentGateway.EvidenceRequest("dp_1", "PSP1", "ch_1", null,
                null, "log", "why"))).isInstanceOf(EvidenceForOperator.class);
        assertThat(ADYEN.received()).isEmpty();
    }

    @Test
    void aDisputeIsDefendedWithTheFirstConfiguredReasonOneDocumentSatisfies() {
        ADYEN.answer("POST", DISPUTES + "/retrieveApplicableDefenseReasons", 200, "defense_reasons.json")
                .answer("POST", DISPUTES + "/supplyDefenseDocument", 200, "dispute_service_success.json")
                .answer("POST", DISPUTES + "/defendDispute", 200, "dispute_service_success.json");
        // MerchandiseReceived needs two documents; the bundle is one
        var defender = new AdyenPaymentGateway("panel", settings(List.of("MerchandiseReceived", "ServiceProvided"),
                Duration.ofSeconds(5)));

        var result = defender.submitDisputeEvidence(EVIDENCE);

        assertThat(result).isEqualTo(new EvidenceSubmitted());
        assertThat(ADYEN.received()).extracting(Received::path).containsExactly(
                DISPUTES + "/retrieveApplicableDefenseReasons", DISPUTES + "/supplyDefenseDocument",
                DISPUTES + "/defendDispute");
        JsonNode supplied = JSON.readTree(ADYEN.received().get(1).body());
        assertThat(supplied.at("/disputePspReference").asString()).isEqualTo("DISPUTE00000001");
        assertThat(supplied.at("/merchantAccountCode").asString()).isEqualTo("FairbillECOM");
        JsonNode document = supplied.at("/defenseDocuments/0");
        assertThat(document.at("/defenseDocumentTypeCode").asString()).isEqualTo("UsageLog");
        assertThat(document.at("/contentType").asString()).isEqualTo("application/pdf");
        String pdf = new String(Base64.getDecoder().decode(document.at("/content").asString()),
                StandardCharsets.ISO_8859_1);
        assertThat(pdf).startsWith("%PDF-1.4").contains("Dispute dp_1 of charge ch_1")
                .contains("2026-11-01T09:00:00Z AccountOpened").endsWith("%%EOF\n");
        assertThat(JSON.readTree(ADYEN.received().get(2).body()).at("/defenseReasonCode").asString())
                .isEqualTo("ServiceProvided");
    }

    @Test
    void aDefenseAdyenRefusesIsRefusedAndOneNoConfiguredReasonFitsIsLeftForAnOperator() {
        ADYEN.answer("POST", DISPUTES + "/retrieveApplicableDefenseReasons", 200, "defense_reasons.json")
                .answer("POST", DISPUTES + "/supplyDefenseDocument", 200, "dispute_service_success.json")
                .answer("POST", DISPUTES + "/defendDispute", 200, "dispute_service_refused.json");
        var defender = new AdyenPaymentGateway("panel", settings(List.of("ServiceProvided"), Duration.ofSeconds(5)));
        assertThat(defender.submitDisputeEvidence(EVIDENCE))
                .isEqualTo(new EvidenceRefused("adyen: Dispute is not defendable"));

        ADYEN.reset();
        ADYEN.answer("POST", DISPUTES + "/retrieveApplicableDefenseReasons", 200, "defense_reasons.json");
        var other = new AdyenPaymentGateway("panel", settings(List.of("MerchandiseReceived", "Fraud"),
                Duration.ofSeconds(5)));
        assertThat(other.submitDisputeEvidence(EVIDENCE)).isInstanceOf(EvidenceForOperator.class);
        assertThat(ADYEN.received()).hasSize(1);
    }

    private static AdyenPaymentGateway gateway(int retries) {
        return new AdyenPaymentGateway("panel", new ProcessorSettings.Adyen("AQE_test_panel", "FairbillECOM", false,
                null, URI.create(ADYEN.base() + FakeAdyen.VERSION), URI.create(ADYEN.base() + DISPUTES), List.of(),
                retries, Duration.ofSeconds(5)));
    }

    private static ProcessorSettings.Adyen settings(List<String> defenseReasons, Duration timeout) {
        return new ProcessorSettings.Adyen("AQE_test_panel", "FairbillECOM", false, null,
                URI.create(ADYEN.base() + FakeAdyen.VERSION), URI.create(ADYEN.base() + DISPUTES), defenseReasons, 1,
                timeout);
    }
}
