package dev.fairbill.billing.webhook;

import java.time.Clock;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.fairbill.billing.catalog.CatalogProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSecrets.class)
class WebhookConfiguration {

    @Bean
    StripeSignatureVerifier stripeSignatureVerifier(Clock clock) {
        return new StripeSignatureVerifier(clock);
    }

    /** Runs {@link WebhookSecretsCheck} while the context starts: a service without real secrets does not start. */
    @Bean
    InitializingBean webhookSecretsCheck(WebhookSecrets secrets, CatalogProperties catalog, Environment environment) {
        return () -> WebhookSecretsCheck.verify(secrets, catalog.tenants().keySet(),
                environment.matchesProfiles("local"));
    }

    @Bean
    AdyenHmacVerifier adyenHmacVerifier() {
        return new AdyenHmacVerifier();
    }
}
