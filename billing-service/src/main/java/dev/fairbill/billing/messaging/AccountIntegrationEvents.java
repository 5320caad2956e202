package dev.fairbill.billing.messaging;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionLifted;
import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.account.AccountSuspensions.AccountTerminated;
import dev.fairbill.billing.account.AccountTestClocks.AccountTestClockAdvanced;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.account.AccountOpened;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.AccountReinstatedV1;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.AccountTerminatedV1;
import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;

/**
 * The account part of billing's public contract: which account events other services hear about, and how. Only the
 * status changes of holds are published (the first hold suspends, the last lift reinstates); the role comes from the
 * read model, which has every account before any of its holds because it runs in the command's transaction.
 */
@Component
public class AccountIntegrationEvents implements IntegrationEventMapper {

    private final AccountProjection accounts;

    public AccountIntegrationEvents(AccountProjection accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case AccountOpened e -> message(e.accountId(), AccountOpenedV1.TYPE, new AccountOpenedV1(
                    e.accountId().value(), e.tenant(), e.role().name(),
                    e.parentAccountId() == null ? null : e.parentAccountId().value(), e.openedAt(), e.testClock()));
            case AccountTestClockAdvanced e -> message(e.accountId(), TestClockAdvancedV1.TYPE,
                    new TestClockAdvancedV1(e.accountId().value(), e.tenant(), e.testClock(), e.to()));
            case AccountSuspensionPlaced e when e.suspended() -> message(e.accountId(), AccountSuspendedV1.TYPE,
                    new AccountSuspendedV1(e.accountId().value(), e.tenant(), role(e.accountId()), e.reason().name(),
                            e.reference(), e.placedAt()));
            case AccountSuspensionLifted e when e.reinstated() -> message(e.accountId(), AccountReinstatedV1.TYPE,
                    new AccountReinstatedV1(e.accountId().value(), e.tenant(), role(e.accountId()),
                            e.reason().name(), e.reference(), e.liftedAt()));
            case AccountTerminated e -> message(e.accountId(), AccountTerminatedV1.TYPE,
                    new AccountTerminatedV1(e.accountId().value(), e.tenant(), role(e.accountId()),
                            e.reason().name(), e.reference(), e.terminatedAt()));
            default -> Optional.empty();
        };
    }

    private String role(AccountId accountId) {
        return accounts.roleOf(accountId.value())
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not in the read model"))
                .name();
    }

    private static Optional<IntegrationMessage> message(AccountId accountId, String type, Object data) {
        return Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, type, accountId.value(), data));
    }
}
