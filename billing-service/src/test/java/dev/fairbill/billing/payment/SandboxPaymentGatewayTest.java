package dev.fairbill.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.payment.PaymentGateway.CaptureRequest;
import dev.fairbill.billing.payment.PaymentGateway.Captured;
import dev.fairbill.billing.payment.PaymentGateway.Declined;
import dev.fairbill.billing.payment.PaymentGateway.RefundDeclined;
import dev.fairbill.billing.payment.PaymentGateway.RefundRequest;
import dev.fairbill.billing.payment.PaymentGateway.Refunded;
import dev.fairbill.platform.money.Money;

/** The sandbox payment methods of the local fixtures. */
class SandboxPaymentGatewayTest {

    private static final Money EUR_1000 = Money.of(1000, "EUR");
    private final SandboxPaymentGateway sandbox = new SandboxPaymentGateway(new SandboxProperties(Duration.ZERO));

    @Test
    void okCardCapturesWithASandboxChargeId() {
        var result = sandbox.capture(new CaptureRequest("ch_1", EUR_1000, "pm_card_ok", "monthly"));

        assertThat(result).isInstanceOfSatisfying(Captured.class,
                captured -> assertThat(captured.processorChargeId()).matches("ch_sandbox_[A-Za-z0-9]{24}"));
        assertThat(sandbox.name()).isEqualTo("sandbox");
    }

    @Test
    void declinedCardIsDeclined() {
        assertThat(sandbox.capture(new CaptureRequest("ch_1", EUR_1000, "pm_card_declined", "monthly")))
                .isEqualTo(new Declined("card_declined"));
    }

    @Test
    void unknownPaymentMethodIsAProblem() {
        assertThatThrownBy(() -> sandbox.capture(new CaptureRequest("ch_1", EUR_1000, "pm_card_visa", "x")))
                .isInstanceOf(UnknownPaymentMethodException.class)
                .hasMessageNotContaining("pm_card_visa");
    }

    @Test
    void repeatedIdempotencyKeyCapturesOnce() {
        var first = sandbox.capture(new CaptureRequest("ch_1", EUR_1000, "pm_card_ok", "monthly"));
        var again = sandbox.capture(new CaptureRequest("ch_1", EUR_1000, "pm_card_ok", "monthly"));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void refundIsExecutedOncePerIdempotencyKey() {
        var captured = (Captured) sandbox.capture(new CaptureRequest("ch_1", EUR_1000, "pm_card_ok", "monthly"));
        var refund = new RefundRequest("re_1", captured.processorChargeId(), "pm_card_ok", Money.of(400, "EUR"));

        var first = sandbox.refund(refund);
        var again = sandbox.refund(refund);

        assertThat(first).isInstanceOfSatisfying(Refunded.class,
                refunded -> assertThat(refunded.processorRefundId()).startsWith("re_sandbox_"));
        assertThat(again).isEqualTo(first);
        assertThat(sandbox.refundsOf(captured.processorChargeId())).containsExactly(Money.of(400, "EUR"));
    }

    @Test
    void refundsOfTheRefundFailsCardFail() {
        var captured = (Captured) sandbox.capture(
                new CaptureRequest("ch_1", EUR_1000, "pm_card_refund_fails", "monthly"));

        assertThat(sandbox.refund(new RefundRequest("re_1", captured.processorChargeId(), "pm_card_refund_fails",
                EUR_1000))).isEqualTo(new RefundDeclined("refund_failed"));
        assertThat(sandbox.refundsOf(captured.processorChargeId())).isEmpty();
    }
}
