package dev.fairbill.billing.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer, reseller or sub-reseller of one tenant. Parent checks that need other accounts (existence, tenant,
 * role) happen before the command is sent; the rules that need only this command are enforced here.
 */
@Aggregate
public class Account {

    @AggregateIdentifier
    private AccountId id;
    private String tenant;

    protected Account() {
    }

    @CommandHandler
    public Account(OpenAccount command, Clock clock) {
        if (command.role() == AccountRole.SUB_RESELLER && command.parentAccountId() == null) {
            throw new AccountRuleViolation("A sub-reseller needs a parent reseller account (seed 000 hierarchy).");
        }
        if (command.role() == AccountRole.RESELLER && command.parentAccountId() != null) {
            throw new AccountRuleViolation("A reseller sits directly under the platform and has no parent account.");
        }
        if (command.accountId().equals(command.parentAccountId())) {
            throw new AccountRuleViolation("An account cannot be its own parent.");
        }
        apply(new AccountOpened(command.accountId(), command.tenant(), command.externalRef(), command.role(),
                command.parentAccountId(), command.email(), command.defaultPaymentMethod(), clock.instant()));
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        id = event.accountId();
        tenant = event.tenant();
    }
}
