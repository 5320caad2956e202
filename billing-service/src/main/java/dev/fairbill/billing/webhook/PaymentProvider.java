package dev.fairbill.billing.webhook;

import java.util.Locale;

/** The payment processors whose webhooks billing accepts. */
public enum PaymentProvider {
    STRIPE,
    ADYEN;

    /** The name recorded with disputes and in metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
