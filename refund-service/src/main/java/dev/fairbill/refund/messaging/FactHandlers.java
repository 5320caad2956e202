package dev.fairbill.refund.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.PurchaseFulfilmentChangedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionReinstatedV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.billing.SubscriptionSuspendedV1;
import dev.fairbill.contracts.billing.SubscriptionTerminatedV1;
import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.refund.query.FactStore;

/**
 * The facts refund-service keeps from billing and the ledger (issue: "no synchronous calls to other services while
 * deciding"), each applied once through the inbox.
 */
@Configuration(proxyBeanMethods = false)
class FactHandlers {

    @Bean
    InboundHandler<ChargeCapturedV1> chargeCaptured(FactStore facts) {
        return InboundHandler.of(ChargeCapturedV1.TYPE, ChargeCapturedV1.class, facts::chargeCaptured);
    }

    @Bean
    InboundHandler<SubscriptionStartedV1> subscriptionStarted(FactStore facts) {
        return InboundHandler.of(SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class, s ->
                facts.subscriptionPeriod(s.subscriptionId(), s.accountId(), s.tenant(), s.planId(), s.status(),
                        s.periodStart(), s.periodEnd(), s.listPrice().amount(), s.price().amount(),
                        s.price().currency(), s.couponPercentOff(), s.includedCredits(), s.chargeId()));
    }

    @Bean
    InboundHandler<SubscriptionRenewedV1> subscriptionRenewed(FactStore facts) {
        return InboundHandler.of(SubscriptionRenewedV1.TYPE, SubscriptionRenewedV1.class, s ->
                facts.subscriptionPeriod(s.subscriptionId(), s.accountId(), s.tenant(), s.planId(), "ACTIVE",
                        s.periodStart(), s.periodEnd(), s.listPrice().amount(), s.price().amount(),
                        s.price().currency(), s.couponPercentOff(), s.includedCredits(), s.chargeId()));
    }

    @Bean
    InboundHandler<SubscriptionExpiredV1> subscriptionExpired(FactStore facts) {
        return InboundHandler.of(SubscriptionExpiredV1.TYPE, SubscriptionExpiredV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), "EXPIRED"));
    }

    @Bean
    InboundHandler<SubscriptionSuspendedV1> subscriptionSuspended(FactStore facts) {
        return InboundHandler.of(SubscriptionSuspendedV1.TYPE, SubscriptionSuspendedV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), "SUSPENDED"));
    }

    @Bean
    InboundHandler<SubscriptionReinstatedV1> subscriptionReinstated(FactStore facts) {
        return InboundHandler.of(SubscriptionReinstatedV1.TYPE, SubscriptionReinstatedV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), s.status()));
    }

    @Bean
    InboundHandler<SubscriptionTerminatedV1> subscriptionTerminated(FactStore facts) {
        return InboundHandler.of(SubscriptionTerminatedV1.TYPE, SubscriptionTerminatedV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), "TERMINATED"));
    }

    @Bean
    InboundHandler<PurchasePaidV1> purchasePaid(FactStore facts) {
        return InboundHandler.of(PurchasePaidV1.TYPE, PurchasePaidV1.class, facts::purchasePaid);
    }

    @Bean
    InboundHandler<PurchaseFulfilmentChangedV1> fulfilmentChanged(FactStore facts) {
        return InboundHandler.of(PurchaseFulfilmentChangedV1.TYPE, PurchaseFulfilmentChangedV1.class,
                facts::fulfilmentChanged);
    }

    /** "Used" is any credit consumption or captured hold on the account. */
    @Bean
    InboundHandler<CreditsConsumedV1> creditsUsed(FactStore facts) {
        return InboundHandler.of(CreditsConsumedV1.TYPE, CreditsConsumedV1.class,
                used -> facts.creditsUsed(used.operationId(), used.accountId(), used.amount(), used.consumedAt()));
    }
}
