package dev.fairbill.billing.webhook;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * Each tenant's webhook secrets, {@code fairbill.webhooks.<tenant>.*}. Validated at startup: a malformed secret stops
 * the service, and so does a tenant of the catalog without secrets ({@link WebhookSecretsCheck}).
 *
 * @param webhooks per tenant
 */
@Validated
@ConfigurationProperties("fairbill")
public record WebhookSecrets(@DefaultValue Map<String, @Valid Tenant> webhooks) {

    /**
     * @param stripeSecrets the endpoint's signing secrets; more than one while a secret is rolled, any matching
     *                      signature is accepted
     * @param adyenHmacKey  the HMAC key as Adyen shows it, hexadecimal
     */
    public record Tenant(@NotEmpty List<@NotBlank String> stripeSecrets,
                         @NotBlank @Pattern(regexp = "([0-9a-fA-F]{2})+", message = "must be an even number of hex digits")
                         String adyenHmacKey) {
    }
}
