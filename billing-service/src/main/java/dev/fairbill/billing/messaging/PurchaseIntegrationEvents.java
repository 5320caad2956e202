package dev.fairbill.billing.messaging;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.purchase.PurchaseEvents.PurchaseFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaid;
import dev.fairbill.billing.purchase.PurchaseEvents.RefillFulfilmentChanged;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.PurchaseFulfilmentChangedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.RefillFulfilmentChangedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;

/**
 * The purchase part of billing's public contract: paid purchases (the ledger grants their credits) and fulfilment, of
 * orders and of their refills.
 */
@Component
public class PurchaseIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case PurchasePaid e -> Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, PurchasePaidV1.TYPE,
                    e.accountId().value(), new PurchasePaidV1(e.purchaseId().value(), e.accountId().value(),
                    e.tenant(), e.productId(), e.kind().name(), e.chargeId().value(),
                    WireMoney.wire(e.amount()), e.credits(), e.quantity(), e.purchasedAt(),
                    e.paidAt(), e.refillWindow(), e.maxDeliveryTime())));
            case PurchaseFulfilmentChanged e -> Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS,
                    PurchaseFulfilmentChangedV1.TYPE, e.accountId().value(), new PurchaseFulfilmentChangedV1(
                    e.purchaseId().value(), e.accountId().value(), e.tenant(), e.productId(), e.status().name(),
                    e.ordered(), e.delivered(), e.currentCount(), e.completedAt(), e.changedAt())));
            case RefillFulfilmentChanged e -> Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS,
                    RefillFulfilmentChangedV1.TYPE, e.accountId().value(), new RefillFulfilmentChangedV1(
                    e.refillId(), e.caseId(), e.purchaseId().value(), e.accountId().value(), e.tenant(),
                    e.status().name(), e.quantity(), e.delivered(), e.currentCount(), e.changedAt())));
            default -> Optional.empty();
        };
    }
}
