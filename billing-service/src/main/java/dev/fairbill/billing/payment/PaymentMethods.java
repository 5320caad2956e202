package dev.fairbill.billing.payment;

import org.springframework.stereotype.Component;

/**
 * One check of payment methods for every request that names one (an account's default, a subscription's, a charge's
 * or a purchase's): a method the tenant's processor cannot charge is refused with 422 {@code unknown-payment-method}
 * before anything is recorded, instead of failing later at a renewal.
 */
@Component
public class PaymentMethods {

    private final PaymentGateways gateways;

    public PaymentMethods(PaymentGateways gateways) {
        this.gateways = gateways;
    }

    /** Passes {@code null} (no method named); refuses one the tenant's processor does not know. */
    public void requireKnown(String tenant, String paymentMethod) {
        PaymentGateway gateway = gateways.forTenant(tenant);
        if (paymentMethod != null && !gateway.knows(paymentMethod)) {
            throw new UnknownPaymentMethodException(gateway.name());
        }
    }
}
