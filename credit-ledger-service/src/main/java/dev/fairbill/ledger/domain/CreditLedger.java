package dev.fairbill.ledger.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** The credit ledger of one account. It opens empty; lots, holds and the journal come with their own commands. */
@Aggregate
public class CreditLedger {

    @AggregateIdentifier
    private LedgerId id;

    protected CreditLedger() {
    }

    /** Opening an already open ledger changes nothing: billing's fact may legitimately arrive more than once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenLedger command, Clock clock) {
        if (id != null) {
            return;
        }
        apply(new LedgerOpened(command.ledgerId(), command.tenant(), command.parentAccountId(), clock.instant()));
    }

    @EventSourcingHandler
    void on(LedgerOpened event) {
        id = event.ledgerId();
    }
}
