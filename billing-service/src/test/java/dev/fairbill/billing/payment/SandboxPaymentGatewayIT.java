package dev.fairbill.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.payment.PaymentGateway.CaptureRequest;
import dev.fairbill.billing.payment.PaymentGateway.CaptureResult;
import dev.fairbill.billing.payment.PaymentGateway.Captured;
import dev.fairbill.billing.payment.PaymentGateway.Declined;
import dev.fairbill.billing.payment.PaymentGateway.RefundDeclined;
import dev.fairbill.billing.payment.PaymentGateway.RefundRequest;
import dev.fairbill.billing.payment.PaymentGateway.Refunded;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * The sandbox payment methods of the local fixtures, and the sandbox's memory of its answers: kept in PostgreSQL, so
 * a repeated idempotency key is answered as the first time after a restart too, and parallel calls under one key get
 * one answer.
 */
@IntegrationTest
class SandboxPaymentGatewayIT {

    private static final Money EUR_1000 = Money.of(1000, "EUR");

    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentGateway sandbox;

    @Test
    void okCardCapturesWithASandboxChargeId() {
        var result = sandbox.capture(capture(key(), "pm_card_ok"));

        assertThat(result).isInstanceOfSatisfying(Captured.class,
                captured -> assertThat(captured.processorChargeId()).matches("ch_sandbox_[A-Za-z0-9]{24}"));
        assertThat(sandbox.name()).isEqualTo("sandbox");
    }

    @Test
    void declinedCardIsDeclined() {
        assertThat(sandbox.capture(capture(key(), "pm_card_declined"))).isEqualTo(new Declined("card_declined"));
    }

    @Test
    void unknownPaymentMethodIsAProblem() {
        assertThatThrownBy(() -> sandbox.capture(capture(key(), "pm_card_visa")))
                .isInstanceOf(UnknownPaymentMethodException.class)
                .hasMessageNotContaining("pm_card_visa");
    }

    @Test
    void repeatedIdempotencyKeyCapturesOnce() {
        String key = key();
        var first = sandbox.capture(capture(key, "pm_card_ok"));
        var again = sandbox.capture(capture(key, "pm_card_ok"));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aRestartedSandboxAnswersARepeatedKeyAsTheFirstTime() {
        String key = key();
        var captured = (Captured) sandbox.capture(capture(key, "pm_card_ok"));
        var refund = new RefundRequest("re_" + key, key, captured.processorChargeId(), "pm_card_ok",
                Money.of(400, "EUR"));
        var refunded = sandbox.refund(refund);

        var restarted = new SandboxPaymentGateway(new SandboxProperties(Duration.ZERO), jdbc);

        assertThat(restarted.capture(capture(key, "pm_card_ok"))).isEqualTo(captured);
        assertThat(restarted.refund(refund)).isEqualTo(refunded);
        assertThat(restarted.refundsOf(captured.processorChargeId())).containsExactly(Money.of(400, "EUR"));
    }

    @Test
    void parallelCallsUnderOneKeyGetOneAnswer() throws Exception {
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<CaptureResult>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> sandbox.capture(capture(key, "pm_card_ok")));
            }
            List<CaptureResult> answers = new ArrayList<>();
            for (Future<CaptureResult> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            assertThat(answers).hasSize(16).containsOnly(answers.getFirst());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refundIsExecutedOncePerIdempotencyKey() {
        String key = key();
        var captured = (Captured) sandbox.capture(capture(key, "pm_card_ok"));
        var refund = new RefundRequest("re_" + key, key, captured.processorChargeId(), "pm_card_ok",
                Money.of(400, "EUR"));

        var first = sandbox.refund(refund);
        var again = sandbox.refund(refund);

        assertThat(first).isInstanceOfSatisfying(Refunded.class,
                refunded -> assertThat(refunded.processorRefundId()).startsWith("re_sandbox_"));
        assertThat(again).isEqualTo(first);
        assertThat(sandbox.refundsOf(captured.processorChargeId())).containsExactly(Money.of(400, "EUR"));
    }

    @Test
    void refundsOfTheRefundFailsCardFail() {
        String key = key();
        var captured = (Captured) sandbox.capture(capture(key, "pm_card_refund_fails"));

        assertThat(sandbox.refund(new RefundRequest("re_" + key, key, captured.processorChargeId(),
                "pm_card_refund_fails", EUR_1000))).isEqualTo(new RefundDeclined("refund_failed"));
        assertThat(sandbox.refundsOf(captured.processorChargeId())).isEmpty();
    }

    private static CaptureRequest capture(String key, String paymentMethod) {
        return new CaptureRequest(key, EUR_1000, paymentMethod, "monthly", false);
    }

    private static String key() {
        return "ch_" + UUID.randomUUID();
    }
}
