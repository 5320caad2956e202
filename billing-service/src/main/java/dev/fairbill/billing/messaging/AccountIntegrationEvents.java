package dev.fairbill.billing.messaging;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.domain.AccountOpened;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;

/** The account part of billing's public contract: which account events other services hear about, and how. */
@Component
public class AccountIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case AccountOpened e -> Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, AccountOpenedV1.TYPE,
                    e.accountId().value(), new AccountOpenedV1(e.accountId().value(), e.tenant(), e.role().name(),
                    e.parentAccountId() == null ? null : e.parentAccountId().value(), e.openedAt())));
            default -> Optional.empty();
        };
    }
}
