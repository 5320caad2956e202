package dev.fairbill.billing.payment;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Each tenant's payment processor, {@code fairbill.processors.<tenant>.*}. A tenant not named uses the sandbox.
 * Credentials come from the environment (or a Kubernetes Secret mapped into it), for example
 * {@code FAIRBILL_PROCESSORS_PANEL_STRIPE_SECRETKEY}; no committed file holds one. Checked at start-up
 * ({@link PaymentGateways}): a tenant on a processor without its credentials stops the service.
 *
 * @param processors per tenant
 */
@Validated
@ConfigurationProperties("fairbill")
public record ProcessorSettings(@DefaultValue Map<String, @Valid Tenant> processors) {

    /** The processors a tenant can use. */
    public enum Processor {
        SANDBOX, STRIPE, ADYEN;

        /** The name stored with every charge, e.g. {@code stripe}. */
        public String storedName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param processor the tenant's processor, the sandbox unless named
     * @param stripe    its Stripe account, when the processor is Stripe
     * @param adyen     its Adyen merchant account, when the processor is Adyen
     */
    public record Tenant(@DefaultValue("sandbox") Processor processor, @Valid Stripe stripe, @Valid Adyen adyen) {
    }

    /**
     * A Stripe account.
     *
     * @param secretKey         the account's secret (or restricted) API key
     * @param apiBase           Stripe's API; another address only for a local fake in tests
     * @param maxNetworkRetries how often stripe-java sends a request again, with its idempotency key, after a network
     *                          error, a 409, a 429 or a 5xx
     * @param timeout           how long one request may take to connect and to answer
     */
    public record Stripe(String secretKey, @DefaultValue("https://api.stripe.com") @NotNull URI apiBase,
                         @DefaultValue("2") @Min(0) @Max(5) int maxNetworkRetries,
                         @DefaultValue("20s") @NotNull Duration timeout) {
    }

    /**
     * An Adyen merchant account.
     *
     * @param apiKey            the API key of the account's web service user (Checkout API)
     * @param merchantAccount   the merchant account that takes the payments
     * @param live              the live platform; the test platform unless set
     * @param liveUrlPrefix     the account's prefix of the live endpoints (Customer Area, Developers, API URLs);
     *                          required with {@code live}
     * @param checkoutUrl       the Checkout API's address with its version; another only for a local fake in tests
     * @param disputesUrl       the Disputes API's address with its version; another only for a local fake in tests
     * @param defenseReasons    Adyen's defense reason codes the merchant defends disputes with, most preferred first:
     *                          billing defends a dispute with the first that applies to it; with none, an operator
     *                          defends it in the Customer Area
     * @param maxNetworkRetries how often a request is sent again, with its idempotency key, after a network error, a
     *                          429 or a 5xx
     * @param timeout           how long one request may take to connect and to answer
     */
    public record Adyen(String apiKey, String merchantAccount, @DefaultValue("false") boolean live,
                        String liveUrlPrefix, URI checkoutUrl, URI disputesUrl, @DefaultValue List<String> defenseReasons,
                        @DefaultValue("2") @Min(0) @Max(5) int maxNetworkRetries,
                        @DefaultValue("20s") @NotNull Duration timeout) {

        public Adyen {
            defenseReasons = defenseReasons == null ? List.of() : List.copyOf(defenseReasons);
        }
    }

    /** The tenant's settings; the sandbox for a tenant not named. */
    public Tenant of(String tenant) {
        Tenant settings = processors.get(tenant);
        return settings != null ? settings : new Tenant(Processor.SANDBOX, null, null);
    }
}
