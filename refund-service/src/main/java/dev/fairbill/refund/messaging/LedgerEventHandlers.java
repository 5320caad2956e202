package dev.fairbill.refund.messaging;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.contracts.ledger.LotGrantedV1;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.refund.query.FactStore;
import dev.fairbill.refund.saga.ReportedFacts.LotGrantReported;

/**
 * What refund-service does with the credit ledger's events, each applied once through the inbox: credits used (the
 * "used" of the templates) and the grants the sagas asked for.
 */
@Configuration(proxyBeanMethods = false)
class LedgerEventHandlers {

    /** "Used" is any credit consumption or captured hold on the account. */
    @Bean
    InboundHandler<CreditsConsumedV1> creditsUsed(FactStore facts) {
        return InboundHandler.of(CreditsConsumedV1.TYPE, CreditsConsumedV1.class,
                used -> facts.creditsUsed(used.operationId(), used.accountId(), used.amount(), used.consumedAt()));
    }

    @Bean
    InboundHandler<LotGrantedV1> lotGranted(EventGateway events) {
        return InboundHandler.of(LotGrantedV1.TYPE, LotGrantedV1.class, granted -> {
            if (BillingEventHandlers.isOurs(granted.operationId())) {
                events.publish(new LotGrantReported(granted.operationId(), granted.accountId(), granted.lotId(),
                        granted.grantedAt()));
            }
        });
    }
}
