package dev.fairbill.billing.process;

import java.util.function.Function;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionLifted;
import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.account.AccountSuspensions.AccountTerminated;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.subscription.SubscriptionCommands.LiftSubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionCommands.PlaceSubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionCommands.TerminateSubscription;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.billing.query.SubscriptionProjection;

/**
 * An account's holds suspend, reinstate and terminate its subscriptions (final-sale-reseller §9,
 * final-sale-duplicates-refunded §7): each hold is
 * mirrored with the same reason and reference, so a subscription is reinstated only when every hold is lifted.
 * A subscription created while its account is being held (the API saw the account ACTIVE, the hold arrived before the
 * subscription was in the read model) is closed by the other side: a new subscription takes every hold its account has
 * at that moment. Placing, lifting and terminating are idempotent on the subscription, so a redelivered event, or a
 * hold reaching a subscription both ways, changes nothing.
 */
@Component
@ProcessingGroup(SubscriptionSuspensionsProcess.PROCESSING_GROUP)
public class SubscriptionSuspensionsProcess {

    public static final String PROCESSING_GROUP = "subscription-holds";

    private final CommandGateway commands;
    private final SubscriptionProjection subscriptions;
    private final AccountProjection accounts;

    public SubscriptionSuspensionsProcess(CommandGateway commands, SubscriptionProjection subscriptions,
                                    AccountProjection accounts) {
        this.commands = commands;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    @EventHandler
    void on(SubscriptionCreated created) {
        accounts.holds(created.accountId().value()).forEach(hold -> commands.sendAndWait(new PlaceSubscriptionSuspension(
                created.subscriptionId(), SuspensionReason.valueOf(hold.reason()), hold.reference())));
    }

    @EventHandler
    void on(AccountSuspensionPlaced placed) {
        forEachSubscription(placed.accountId(),
                id -> new PlaceSubscriptionSuspension(id, placed.reason(), placed.reference()));
    }

    @EventHandler
    void on(AccountSuspensionLifted lifted) {
        forEachSubscription(lifted.accountId(),
                id -> new LiftSubscriptionSuspension(id, lifted.reason(), lifted.reference()));
    }

    @EventHandler
    void on(AccountTerminated terminated) {
        forEachSubscription(terminated.accountId(),
                id -> new TerminateSubscription(id, terminated.reason(), terminated.reference()));
    }

    private void forEachSubscription(AccountId accountId, Function<SubscriptionId, Object> command) {
        subscriptions.ongoingIdsOfAccount(accountId.value())
                .forEach(id -> commands.sendAndWait(command.apply(SubscriptionId.of(id))));
    }
}
