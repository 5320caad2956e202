package dev.fairbill.billing.webhook;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSecrets.class)
class WebhookConfiguration {

    @Bean
    StripeSignatureVerifier stripeSignatureVerifier(Clock clock) {
        return new StripeSignatureVerifier(clock);
    }

    @Bean
    AdyenHmacVerifier adyenHmacVerifier() {
        return new AdyenHmacVerifier();
    }
}
