package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.messaging.WireMoney.wire;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionExpired;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionLifted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionPlaced;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerminated;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.SubscriptionCancellationScheduledV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionReinstatedV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.billing.SubscriptionSuspendedV1;
import dev.fairbill.contracts.billing.SubscriptionTerminatedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;

/**
 * The subscription part of billing's public contract. Only a hold that suspends (the first) or reinstates (the last)
 * is published; holds added to an already suspended subscription change nothing outside.
 */
@Component
public class SubscriptionIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case SubscriptionStarted e -> message(SubscriptionStartedV1.TYPE, e.accountId().value(),
                    new SubscriptionStartedV1(e.subscriptionId().value(), e.accountId().value(), e.tenant(),
                            e.planId(), e.status().name(), e.period().start(), e.period().end(), e.includedCredits(),
                            e.trialCredits(), e.trialEndsAt(), wire(e.listPrice()), wire(e.price()),
                            e.couponPercentOff(), id(e.chargeId()), e.startedAt()));
            case SubscriptionRenewed e -> message(SubscriptionRenewedV1.TYPE, e.accountId().value(),
                    new SubscriptionRenewedV1(e.subscriptionId().value(), e.accountId().value(), e.tenant(),
                            e.planId(), e.period().start(), e.period().end(), e.includedCredits(),
                            wire(e.listPrice()), wire(e.price()), e.couponPercentOff(), id(e.chargeId()),
                            e.renewedAt()));
            case SubscriptionCancellationScheduled e -> message(SubscriptionCancellationScheduledV1.TYPE,
                    e.accountId().value(), new SubscriptionCancellationScheduledV1(e.subscriptionId().value(),
                            e.accountId().value(), e.tenant(), e.cancelAt(), e.reason(), e.refundRequested(),
                            e.refundReason(), e.refundCaseId(), e.requestedAt()));
            case SubscriptionCancelled e -> message(SubscriptionCancelledV1.TYPE, e.accountId().value(),
                    new SubscriptionCancelledV1(e.subscriptionId().value(), e.accountId().value(), e.tenant(),
                            e.mode().name(), e.reason(), e.refundRequested(), e.refundReason(), e.refundCaseId(), e.period().start(),
                            e.period().end(), e.cancelledAt()));
            case SubscriptionExpired e -> message(SubscriptionExpiredV1.TYPE, e.accountId().value(),
                    new SubscriptionExpiredV1(e.subscriptionId().value(), e.accountId().value(), e.tenant(),
                            e.planId(), id(e.lastChargeId()), e.expiredAt()));
            case SubscriptionSuspensionPlaced e when e.suspended() -> message(SubscriptionSuspendedV1.TYPE,
                    e.accountId().value(), new SubscriptionSuspendedV1(e.subscriptionId().value(),
                            e.accountId().value(), e.tenant(), e.reason().name(), e.reference(), e.placedAt()));
            case SubscriptionSuspensionLifted e when e.reinstatedTo() != null -> message(SubscriptionReinstatedV1.TYPE,
                    e.accountId().value(), new SubscriptionReinstatedV1(e.subscriptionId().value(),
                            e.accountId().value(), e.tenant(), e.reinstatedTo().name(), e.liftedAt()));
            case SubscriptionTerminated e -> message(SubscriptionTerminatedV1.TYPE, e.accountId().value(),
                    new SubscriptionTerminatedV1(e.subscriptionId().value(), e.accountId().value(), e.tenant(),
                            e.reason().name(), e.reference(), e.terminatedAt()));
            default -> Optional.empty();
        };
    }

    private static Optional<IntegrationMessage> message(String type, String accountId, Object data) {
        return Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, type, accountId, data));
    }

    private static String id(ChargeId chargeId) {
        return chargeId == null ? null : chargeId.value();
    }
}
