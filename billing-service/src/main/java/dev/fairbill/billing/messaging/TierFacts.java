package dev.fairbill.billing.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.query.AccountTiers;
import dev.fairbill.contracts.ledger.TierChangedV1;
import dev.fairbill.platform.messaging.InboundHandler;

/** The ledger publishes resellers' tiers; billing keeps them to gate sub-reseller creation (seed 000 §5). */
@Configuration(proxyBeanMethods = false)
class TierFacts {

    @Bean
    InboundHandler<TierChangedV1> tierChanges(AccountTiers tiers) {
        return InboundHandler.of(TierChangedV1.TYPE, TierChangedV1.class, changed ->
                tiers.record(changed.accountId(), changed.tier(), changed.subResellersAllowed(),
                        changed.lifetimePurchased()));
    }
}
