package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.messaging.WireMoney.wire;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.DisputeClosedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;

/** The dispute part of billing's public contract: a dispute opened and how it closed; updates stay internal. */
@Component
public class DisputeIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case DisputeOpened e -> Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, DisputeOpenedV1.TYPE,
                    e.accountId().value(), new DisputeOpenedV1(e.disputeId().value(), e.chargeId().value(),
                    e.accountId().value(), e.tenant(), wire(e.amount()), e.reason(), e.dueBy(), e.openedAt())));
            case DisputeClosed e -> Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, DisputeClosedV1.TYPE,
                    e.accountId().value(), new DisputeClosedV1(e.disputeId().value(), e.chargeId().value(),
                    e.accountId().value(), e.tenant(), e.outcome().name(), wire(e.amount()), e.closedAt())));
            default -> Optional.empty();
        };
    }
}
