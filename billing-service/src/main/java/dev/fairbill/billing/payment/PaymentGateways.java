package dev.fairbill.billing.payment;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.payment.ProcessorSettings.Processor;
import dev.fairbill.billing.payment.ProcessorSettings.Tenant;

/**
 * Each tenant's payment processor, as {@link ProcessorSettings} configures it: the sandbox unless the tenant names
 * another. Built and checked at start-up, so a tenant on Stripe without its secret key stops the service instead of
 * failing its first charge.
 */
@Component
@EnableConfigurationProperties(ProcessorSettings.class)
public class PaymentGateways {

    private final SandboxPaymentGateway sandbox;
    private final ProcessorSettings settings;
    private final Map<String, PaymentGateway> configured;

    public PaymentGateways(SandboxPaymentGateway sandbox, ProcessorSettings settings) {
        this.sandbox = sandbox;
        this.settings = settings;
        Map<String, PaymentGateway> built = new HashMap<>();
        settings.processors().forEach((tenant, processor) -> built.put(tenant, build(tenant, processor)));
        this.configured = Map.copyOf(built);
    }

    /** The processor {@code tenant} charges through now. */
    public PaymentGateway forTenant(String tenant) {
        return configured.getOrDefault(tenant, sandbox);
    }

    /**
     * The processor named {@code processor} for {@code tenant}: where a call asked for earlier goes, even after the
     * tenant changed processor. A processor the tenant is no longer configured for cannot be called.
     */
    public PaymentGateway of(String tenant, String processor) {
        PaymentGateway current = forTenant(tenant);
        if (processor == null || processor.equals(current.name())) {
            return current;
        }
        if (SandboxPaymentGateway.NAME.equals(processor)) {
            return sandbox;
        }
        throw new ProcessorUnavailable("tenant " + tenant + " is no longer configured for " + processor);
    }

    private PaymentGateway build(String tenant, Tenant processor) {
        String where = "fairbill.processors." + tenant;
        return switch (processor.processor()) {
            case SANDBOX -> sandbox;
            case STRIPE -> {
                if (processor.stripe() == null || processor.stripe().secretKey() == null
                        || processor.stripe().secretKey().isBlank()) {
                    throw new IllegalStateException(where + ".stripe.secret-key is not set (FAIRBILL_PROCESSORS_"
                            + tenant.toUpperCase(Locale.ROOT) + "_STRIPE_SECRETKEY)");
                }
                yield new StripePaymentGateway(tenant, processor.stripe());
            }
            case ADYEN -> {
                var adyen = processor.adyen();
                String variable = "FAIRBILL_PROCESSORS_" + tenant.toUpperCase(Locale.ROOT) + "_ADYEN_";
                if (adyen == null || blank(adyen.apiKey())) {
                    throw new IllegalStateException(where + ".adyen.api-key is not set (" + variable + "APIKEY)");
                }
                if (blank(adyen.merchantAccount())) {
                    throw new IllegalStateException(where + ".adyen.merchant-account is not set (" + variable
                            + "MERCHANTACCOUNT)");
                }
                if (adyen.live() && blank(adyen.liveUrlPrefix()) && adyen.checkoutUrl() == null) {
                    throw new IllegalStateException(where + ".adyen.live-url-prefix is not set (" + variable
                            + "LIVEURLPREFIX): the live platform has an address per merchant");
                }
                yield new AdyenPaymentGateway(tenant, adyen);
            }
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The settings the processors were built from. */
    public ProcessorSettings settings() {
        return settings;
    }
}
