package dev.fairbill.billing.payment;

import static dev.fairbill.billing.BillingApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.payment.FakeProcessor.Received;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * A tenant configured for Stripe takes its payments and pays its refunds through Stripe's API (a local server in its
 * shapes), while the other tenants stay on the sandbox; a crash between the call to Stripe and the record of its
 * answer moves the money once, because the call made again carries the same idempotency key.
 */
@IntegrationTest
class StripeTenantIT {

    @RegisterExtension
    static final FakeStripe STRIPE = FakeStripe.start();
    private static final String INTENTS = "/v1/payment_intents";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired CommandGateway commands;
    @Autowired ChargePayments payments;
    @Autowired PaymentGateways gateways;
    private BillingApi api;

    @DynamicPropertySource
    static void stripeForStudio(DynamicPropertyRegistry properties) {
        STRIPE.serve("studio", properties);
        properties.add("fairbill.processors.studio.stripe.max-network-retries", () -> "0");
        properties.add("fairbill.billing.payment-calls.grace", () -> "300ms");
        properties.add("fairbill.billing.payment-calls.sweep-interval", () -> "1h");
    }

    @BeforeEach
    void setUp() {
        api = new BillingApi(port);
    }

    @Test
    void aStripeTenantsChargeIsCapturedThroughStripeUnderItsChargeId() {
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_succeeded.json");

        JsonNode charge = charge("studio", "pm_card_visa");

        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(charge.get("processor").asString()).isEqualTo("stripe");
        assertThat(charge.get("processorChargeId").asString())
                .isEqualTo(FakeStripe.idFor("pi", "fairbill-capture-" + charge.get("id").asString()));
        Received sent = STRIPE.received().getFirst();
        assertThat(sent.idempotencyKey()).isEqualTo("fairbill-capture-" + charge.get("id").asString());
        assertThat(sent.authorization()).isEqualTo("Bearer sk_test_studio");
        assertThat(sent.form()).containsEntry("amount", "1000").containsEntry("currency", "eur")
                .containsEntry("metadata[fairbill_charge_id]", charge.get("id").asString())
                .containsEntry("metadata[fairbill_tenant]", "studio");
    }

    @Test
    void aDeclineAtStripeFailsTheChargeWithTheDeclineCode() {
        STRIPE.answer("POST", INTENTS, 402, "error_card_declined.json");

        JsonNode charge = charge("studio", "pm_card_visa");

        assertThat(charge.get("status").asString()).isEqualTo("FAILED");
        assertThat(charge.get("failureCode").asString()).isEqualTo("insufficient_funds");
    }

    @Test
    void otherTenantsStayOnTheSandbox() {
        JsonNode charge = charge("panel", "pm_card_ok");

        assertThat(charge.get("processor").asString()).isEqualTo("sandbox");
        assertThat(STRIPE.received()).isEmpty();
        assertThat(gateways.forTenant("panel").name()).isEqualTo("sandbox");
    }

    @Test
    void aPaymentMethodStripeCannotHaveIsRefusedBeforeAnythingIsRecorded() {
        String account = api.openCustomer("studio", UUID.randomUUID().toString());
        var refused = api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "x",
                 "paymentMethod": "tok_visa"}""".formatted(account), admin("studio"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("unknown-payment-method").doesNotContain("tok_visa");
        assertThat(STRIPE.received()).isEmpty();
    }

    @Test
    void aCaptureACrashLeftUnansweredIsMadeAgainUnderTheSameKeyAndRecordedOnce() throws Exception {
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_succeeded.json");
        String account = api.openCustomer("studio", UUID.randomUUID().toString());
        ChargeId charge = ChargeId.of(Ids.generate(IdPrefix.CHARGE));
        // the request is recorded and Stripe called, then the process dies before it records the answer
        commands.sendAndWait(new CaptureCharge(charge, AccountId.of(account), "studio", Money.of(1000, "EUR"),
                "Monthly", null, null, null, "pm_card_visa", false));
        gateways.forTenant("studio").capture(new PaymentGateway.CaptureRequest(charge.value(),
                Money.of(1000, "EUR"), "pm_card_visa", "Monthly", false));
        assertThat(read(charge).get("status").asString()).isEqualTo("PENDING");

        Thread.sleep(400);
        payments.callStale();
        payments.callStale();

        JsonNode captured = read(charge);
        assertThat(captured.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(captured.get("processorChargeId").asString())
                .isEqualTo(FakeStripe.idFor("pi", "fairbill-capture-" + charge.value()));
        assertThat(STRIPE.received()).hasSize(2).extracting(Received::idempotencyKey)
                .containsOnly("fairbill-capture-" + charge.value());
    }

    @Test
    void aRefundGoesToStripeUnderTheRefundId() {
        STRIPE.answer("POST", INTENTS, 200, "payment_intent_succeeded.json")
                .answer("POST", "/v1/refunds", 200, "refund_succeeded.json");
        JsonNode charge = charge("studio", "pm_card_visa");
        ChargeId chargeId = ChargeId.of(charge.get("id").asString());
        String refundId = Ids.generate(IdPrefix.REFUND);

        payments.refund(new RefundCharge(chargeId, refundId, "studio",
                AccountId.of(charge.get("accountId").asString()), Money.of(400, "EUR"), "DUPLICATE_CHARGE"));

        assertThat(read(chargeId).get("amountRefunded").get("amount").asLong()).isEqualTo(400);
        Received refund = STRIPE.received().getLast();
        assertThat(refund.path()).isEqualTo("/v1/refunds");
        assertThat(refund.idempotencyKey()).isEqualTo("fairbill-refund-" + refundId);
        assertThat(refund.form()).containsEntry("payment_intent", charge.get("processorChargeId").asString())
                .containsEntry("amount", "400").containsEntry("metadata[fairbill_refund_id]", refundId);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_calls WHERE charge_id = ?").param(chargeId.value())
                .query(Long.class).single()).isZero();
    }

    private JsonNode charge(String tenant, String paymentMethod) {
        String account = api.openCustomer(tenant, UUID.randomUUID().toString());
        return BillingApi.created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Monthly",
                 "paymentMethod": "%s"}""".formatted(account, paymentMethod), admin(tenant)));
    }

    private JsonNode read(ChargeId charge) {
        return BillingApi.JSON.readTree(api.get("/api/v1/charges/" + charge.value(), admin("studio")).body());
    }
}
