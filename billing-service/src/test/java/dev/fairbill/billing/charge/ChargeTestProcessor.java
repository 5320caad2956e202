package dev.fairbill.billing.charge;

import java.util.ArrayList;
import java.util.List;

import dev.fairbill.billing.payment.PaymentProcessor;
import dev.fairbill.billing.payment.UnknownPaymentMethodException;

/**
 * A processor with the sandbox's payment methods and predictable ids, recording the captures and refunds it executed;
 * {@code pm_unknown} is a payment method it does not know.
 */
final class ChargeTestProcessor implements PaymentProcessor {

    static final String PROCESSOR_CHARGE_ID = "ch_sandbox_test";
    final List<CaptureRequest> captures = new ArrayList<>();
    final List<RefundRequest> refunds = new ArrayList<>();

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public boolean knows(String paymentMethod) {
        return !"pm_unknown".equals(paymentMethod);
    }

    @Override
    public CaptureResult capture(CaptureRequest request) {
        if (!knows(request.paymentMethod())) {
            throw new UnknownPaymentMethodException(name());
        }
        captures.add(request);
        return "pm_card_declined".equals(request.paymentMethod())
                ? new Declined("card_declined")
                : new Captured(PROCESSOR_CHARGE_ID);
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        if ("pm_card_refund_fails".equals(request.paymentMethod())) {
            return new RefundDeclined("refund_failed");
        }
        refunds.add(request);
        return new Refunded("re_sandbox_" + request.idempotencyKey());
    }
}
