package dev.fairbill.billing.catalog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.subscription.SubscriptionDunning;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CatalogProperties.class, SubscriptionDunning.class})
public class CatalogConfiguration {

    @Bean
    public Catalog catalog(CatalogProperties properties) {
        return new Catalog(properties);
    }
}
