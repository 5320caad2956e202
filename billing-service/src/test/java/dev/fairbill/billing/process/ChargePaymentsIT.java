package dev.fairbill.billing.process;

import static dev.fairbill.billing.BillingApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.payment.PaymentGateway;
import dev.fairbill.billing.payment.SandboxPaymentGateway;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processor is called outside the charge: a call that a crash left unmade or unanswered is made again by the
 * sweep, under the same idempotency key, so the money moves once; parallel refunds of one charge never pay back more
 * than it captured.
 */
@IntegrationTest
@TestPropertySource(properties = {"fairbill.billing.payment-calls.grace=300ms",
        "fairbill.billing.payment-calls.sweep-interval=1h"})
class ChargePaymentsIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired CommandGateway commands;
    @Autowired ChargePayments payments;
    @Autowired SandboxPaymentGateway sandbox;
    @Autowired MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void setUp() {
        api = new BillingApi(port);
    }

    @Test
    void aCaptureACrashLeftUnansweredIsRecordedByTheSweepWithTheProcessorsFirstAnswer() throws Exception {
        String account = api.openAccount("studio", """
                {"externalRef": "%s", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}"""
                .formatted(UUID.randomUUID()));
        ChargeId charge = ChargeId.of(Ids.generate(IdPrefix.CHARGE));
        // the request is recorded, the processor called, and the process dies before it reports the answer
        commands.sendAndWait(new CaptureCharge(charge, AccountId.of(account), "studio", Money.of(1000, "EUR"),
                "Monthly", null, null, null, "pm_card_ok", false));
        var first = (PaymentGateway.Captured) sandbox.capture(new PaymentGateway.CaptureRequest(charge.value(),
                Money.of(1000, "EUR"), "pm_card_ok", "Monthly", false));
        assertThat(read(charge).get("status").asString()).isEqualTo("PENDING");
        assertThat(waitingCalls(charge)).isEqualTo(1);

        payments.callStale();
        assertThat(read(charge).get("status").asString()).as("within the grace period").isEqualTo("PENDING");

        Thread.sleep(400);
        payments.callStale();

        JsonNode captured = read(charge);
        assertThat(captured.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(captured.get("processorChargeId").asString()).isEqualTo(first.processorChargeId());
        assertThat(meters.counter(ChargePayments.SWEPT, "kind", "CAPTURE").count()).as("calls swept").isEqualTo(1);
        assertThat(waitingCalls(charge)).isZero();
        payments.callStale();
        payments.call(charge.value());
        assertThat(read(charge)).isEqualTo(captured);
    }

    @Test
    void aRefundACrashLeftUnansweredIsPaidOnce() throws Exception {
        JsonNode charge = charge();
        ChargeId chargeId = ChargeId.of(charge.get("id").asString());
        String processorChargeId = charge.get("processorChargeId").asString();
        String refundId = Ids.generate(IdPrefix.REFUND);
        commands.sendAndWait(new RefundCharge(chargeId, refundId, "studio",
                AccountId.of(charge.get("accountId").asString()), Money.of(400, "EUR"), "DUPLICATE_CHARGE"));
        sandbox.refund(new PaymentGateway.RefundRequest(refundId, chargeId.value(), processorChargeId, "pm_card_ok",
                Money.of(400, "EUR")));
        assertThat(read(chargeId).get("amountRefunded").get("amount").asLong()).isZero();

        Thread.sleep(400);
        payments.callStale();
        payments.callStale();
        payments.call(refundId);

        assertThat(read(chargeId).get("amountRefunded").get("amount").asLong()).isEqualTo(400);
        assertThat(sandbox.refundsOf(processorChargeId)).containsExactly(Money.of(400, "EUR"));
        assertThat(waitingCalls(chargeId)).isZero();
    }

    @Test
    void parallelRefundsOfOneChargeNeverPayBackMoreThanItCaptured() throws Exception {
        JsonNode charge = charge();
        ChargeId chargeId = ChargeId.of(charge.get("id").asString());
        AccountId account = AccountId.of(charge.get("accountId").asString());
        List<Callable<Void>> refunds = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            refunds.add(() -> {
                payments.refund(new RefundCharge(chargeId, Ids.generate(IdPrefix.REFUND), "studio", account,
                        Money.of(300, "EUR"), "DUPLICATE_CHARGE"));
                return null;
            });
        }
        try (ExecutorService callers = Executors.newFixedThreadPool(16)) {
            for (Future<Void> refund : callers.invokeAll(refunds)) {
                refund.get();
            }
        }

        assertThat(read(chargeId).get("amountRefunded").get("amount").asLong()).isEqualTo(900);
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString())).hasSize(3)
                .allSatisfy(refund -> assertThat(refund).isEqualTo(Money.of(300, "EUR")));
        assertThat(waitingCalls(chargeId)).isZero();
    }

    private long waitingCalls(ChargeId charge) {
        return jdbc.sql("SELECT count(*) FROM payment_calls WHERE charge_id = ?").param(charge.value())
                .query(Long.class).single();
    }

    private JsonNode charge() {
        String account = api.openAccount("studio", """
                {"externalRef": "%s", "role": "CUSTOMER"}""".formatted(UUID.randomUUID()));
        JsonNode charge = json.readTree(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Monthly",
                 "paymentMethod": "pm_card_ok"}""".formatted(account), admin("studio")).body());
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
        return charge;
    }

    private JsonNode read(ChargeId charge) {
        return json.readTree(api.get("/api/v1/charges/" + charge.value(), admin("studio")).body());
    }
}
