package dev.fairbill.billing.process;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountSuspensions.LiftAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.PlaceAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.TerminateAccount;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDispute;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeUpdated;
import dev.fairbill.billing.dispute.DisputeOutcome;
import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.platform.money.Money;

/**
 * What a dispute does to its charge and account (saga 3; final-sale-reseller §9, final-sale-duplicates-refunded §7):
 * opened → the charge is
 * marked disputed and the account held; won → the hold is lifted; lost → the account is terminated. A tracking
 * processor, so the commands commit with its token; every command is idempotent, so a replay changes nothing.
 */
@Component
@ProcessingGroup(DisputeConsequences.PROCESSING_GROUP)
public class DisputeConsequences {

    public static final String PROCESSING_GROUP = "dispute-consequences";

    private final AccountProjection accounts;

    public DisputeConsequences(AccountProjection accounts) {
        this.accounts = accounts;
    }

    @EventHandler
    void on(DisputeOpened event, CommandGateway commands) {
        commands.sendAndWait(new RecordChargeDispute(event.chargeId(), event.disputeId(), event.amount(),
                event.reason(), event.dueBy()));
        // a terminated account takes no holds: a dispute on it has nothing left to suspend
        if (!accounts.isTerminated(event.accountId().value())) {
            commands.sendAndWait(new PlaceAccountSuspension(event.accountId(), SuspensionReason.DISPUTE,
                    event.disputeId().value()));
        }
    }

    @EventHandler
    void on(DisputeUpdated event, CommandGateway commands) {
        commands.sendAndWait(new RecordChargeDispute(event.chargeId(), event.disputeId(), event.amount(),
                event.reason(), event.dueBy()));
    }

    @EventHandler
    void on(DisputeClosed event, CommandGateway commands) {
        boolean won = event.outcome() == DisputeOutcome.WON;
        Money lost = won ? Money.zero(event.amount().currency()) : event.amount();
        commands.sendAndWait(new RecordChargeDisputeClosed(event.chargeId(), event.disputeId(), won, lost));
        if (accounts.isTerminated(event.accountId().value())) {
            return;
        }
        if (won) {
            commands.sendAndWait(new LiftAccountSuspension(event.accountId(), SuspensionReason.DISPUTE,
                    event.disputeId().value()));
        } else {
            commands.sendAndWait(new TerminateAccount(event.accountId(), SuspensionReason.DISPUTE,
                    event.disputeId().value()));
        }
    }
}
