package dev.fairbill.billing.notification;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Merchants' webhook endpoints: the events they hear of, read from Kafka, and the sender that delivers them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class MerchantWebhooksConfiguration {

    @Bean
    MerchantEndpoints merchantEndpoints(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        return new MerchantEndpoints(jdbc, transaction, clock);
    }

    @Bean
    MerchantDeliveries merchantDeliveries(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        return new MerchantDeliveries(jdbc, transaction, clock);
    }

    @Bean
    MerchantWebhookSender merchantWebhookSender(MerchantDeliveries deliveries, MerchantEndpoints endpoints,
                                                TargetGuard guard, WebhookProperties properties, Clock clock,
                                                MeterRegistry meters) {
        return new MerchantWebhookSender(deliveries, endpoints, guard, properties, clock, meters);
    }

    @Bean
    MerchantEventRecorder merchantEventRecorder(MerchantEndpoints endpoints, MerchantDeliveries deliveries,
                                                MerchantWebhookSender sender, JsonMapper json,
                                                WebhookProperties properties) {
        return new MerchantEventRecorder(endpoints, deliveries, sender, json, properties.consumerGroup());
    }

    @Bean
    TargetGuard merchantTargetGuard(WebhookProperties properties) {
        return new TargetGuard(properties.allowPrivateTargets());
    }
}
