package dev.fairbill.billing.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.platform.axon.TransactionalAggregateCache;

/** Billing's wiring that belongs to no other package. */
@Configuration(proxyBeanMethods = false)
public class BillingConfiguration {

    /**
     * Charges handled recently stay in memory ({@code fairbill.billing.charge-cache-size} of them at most, 0 for
     * none; ADR 0026): a charge takes a command for its request and one for the processor's answer, and the second
     * then replays nothing.
     */
    @Bean
    Cache chargeCache(@Value("${fairbill.billing.charge-cache-size:10000}") int size,
                      TransactionalAggregateCache.StoredVersions stored) {
        return size == 0 ? NoCache.INSTANCE : new TransactionalAggregateCache(size, stored);
    }
}
