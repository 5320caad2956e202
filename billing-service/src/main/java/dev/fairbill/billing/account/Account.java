package dev.fairbill.billing.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionLifted;
import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.account.AccountSuspensions.AccountTerminated;
import dev.fairbill.billing.account.AccountSuspensions.LiftAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.PlaceAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.TerminateAccount;
import dev.fairbill.billing.account.AccountTestClocks.AccountTestClockAdvanced;
import dev.fairbill.billing.account.AccountTestClocks.RecordTestClockAdvance;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.axon.naming.StoredAs;

/**
 * A customer, reseller or sub-reseller of one tenant. Parent checks that need other accounts (existence, tenant,
 * role) happen before the command is sent; the rules that need only this command are enforced here.
 *
 * <p>Holds (final-sale-reseller §9, final-sale-duplicates-refunded §7): the account is SUSPENDED while any hold exists
 * and ACTIVE again only when every
 * hold is lifted; a terminated account stays terminated.
 */
@StoredAs("billing.Account")
@Aggregate
public class Account {

    @AggregateIdentifier
    private AccountId id;
    private String tenant;
    private final Set<Hold> holds = new HashSet<>();
    private boolean terminated;
    private String testClock;

    protected Account() {
    }

    @CommandHandler
    public Account(OpenAccount command, Clock clock) {
        if (command.role() == AccountRole.SUB_RESELLER && command.parentAccountId() == null) {
            throw new AccountRuleViolation("A sub-reseller needs a parent reseller account.");
        }
        if (command.role() == AccountRole.RESELLER && command.parentAccountId() != null) {
            throw new AccountRuleViolation("A reseller sits directly under the platform and has no parent account.");
        }
        if (command.accountId().equals(command.parentAccountId())) {
            throw new AccountRuleViolation("An account cannot be its own parent.");
        }
        apply(new AccountOpened(command.accountId(), command.tenant(), command.externalRef(), command.role(),
                command.parentAccountId(), command.email(), command.defaultPaymentMethod(), clock.instant(),
                command.testClock()));
    }

    /** Tells the other services that the account's test clock now shows {@code to}; only an account on it may. */
    @CommandHandler
    void handle(RecordTestClockAdvance command) {
        if (testClock == null || !testClock.equals(command.testClock())) {
            throw new AccountRuleViolation("Account " + id + " is not on test clock " + command.testClock() + ".");
        }
        apply(new AccountTestClockAdvanced(id, tenant, testClock, command.to()));
    }

    @CommandHandler
    void handle(PlaceAccountSuspension command, Clock clock) {
        requireNotTerminated();
        Hold hold = new Hold(command.reason(), command.reference());
        if (holds.contains(hold)) {
            return;
        }
        apply(new AccountSuspensionPlaced(id, tenant, hold.reason(), hold.reference(), holds.isEmpty(), clock.instant()));
    }

    @CommandHandler
    void handle(LiftAccountSuspension command, Clock clock) {
        requireNotTerminated();
        Hold hold = new Hold(command.reason(), command.reference());
        if (!holds.contains(hold)) {
            return;
        }
        apply(new AccountSuspensionLifted(id, tenant, hold.reason(), hold.reference(), holds.size() == 1,
                clock.instant()));
    }

    /** Terminating a terminated account changes nothing: the first termination's reason stands. */
    @CommandHandler
    void handle(TerminateAccount command, Clock clock) {
        if (!terminated) {
            apply(new AccountTerminated(id, tenant, command.reason(), command.reference(), clock.instant()));
        }
    }

    private void requireNotTerminated() {
        if (terminated) {
            throw new AccountIsTerminated(id);
        }
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        id = event.accountId();
        tenant = event.tenant();
        testClock = event.testClock();
    }

    @EventSourcingHandler
    void on(AccountSuspensionPlaced event) {
        holds.add(new Hold(event.reason(), event.reference()));
    }

    @EventSourcingHandler
    void on(AccountSuspensionLifted event) {
        holds.remove(new Hold(event.reason(), event.reference()));
    }

    @EventSourcingHandler
    void on(AccountTerminated event) {
        terminated = true;
    }

    private record Hold(SuspensionReason reason, String reference) {
    }
}
