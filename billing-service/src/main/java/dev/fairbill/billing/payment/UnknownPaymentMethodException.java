package dev.fairbill.billing.payment;

import dev.fairbill.platform.web.UnprocessableException;

/** 422 {@code unknown-payment-method}: the processor does not know the payment method; nothing was charged. */
public class UnknownPaymentMethodException extends UnprocessableException {

    public UnknownPaymentMethodException(String processor) {
        super("unknown-payment-method", "Unknown payment method",
                "The payment method is not known to processor " + processor + ".");
    }
}
