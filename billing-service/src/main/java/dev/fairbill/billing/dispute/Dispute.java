package dev.fairbill.billing.dispute;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Objects;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.billing.dispute.DisputeCommands.AttachRefundSideEvidence;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeClosed;
import dev.fairbill.billing.dispute.DisputeCommands.RecordEvidenceSubmission;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeFunds;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeTerms;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceAttached;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceSubmitted;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeFundsReinstated;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeFundsWithdrawn;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeUpdated;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation;

/**
 * A processor's dispute (chargeback) on one of our charges (saga 3). Processors deliver its events at least
 * once and in any order: whichever report comes first opens it, a close is final, and a report older than the last
 * one applied changes nothing.
 */
@StoredAs("billing.Dispute")
@Aggregate
public class Dispute implements OnTestClock {

    @AggregateIdentifier
    private DisputeId id;
    private ChargeId chargeId;
    private AccountId accountId;
    private Money amount;
    private String reason;
    private Instant dueBy;
    private Instant lastReportedAt;
    private boolean fundsWithdrawn;
    private Instant fundsReportedAt;
    private boolean closed;
    private String tenant;
    private Instant evidenceCompiledAt;
    private boolean evidenceSubmitted;

    protected Dispute() {
    }

    /**
     * Our {@code dp_…} id of a processor's dispute, derived from (tenant, processor, processor dispute id) so every
     * report of it reaches the same aggregate whichever arrives first, without a lookup that could race.
     */
    public static DisputeId idFor(String tenant, String processor, String processorDisputeId) {
        return DisputeId.of(Ids.derive(IdPrefix.DISPUTE, tenant + "\n" + processor + "\n" + processorDisputeId));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReportDispute command) {
        DisputeFacts facts = command.facts();
        if (openIfFirstReport(command.disputeId(), facts) || closed || facts.reportedAt().isBefore(lastReportedAt)) {
            return;
        }
        if (!facts.amount().equals(amount) || !Objects.equals(facts.reason(), reason)
                || !Objects.equals(facts.dueBy(), dueBy)) {
            apply(new DisputeUpdated(id, chargeId, accountId, facts.amount(), facts.reason(), facts.dueBy(),
                    facts.reportedAt()));
        }
    }

    /** Funds move independently of the status (Stripe may reinstate after the close), but never backwards in time. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReportDisputeFunds command) {
        DisputeFacts facts = command.facts();
        openIfFirstReport(command.disputeId(), facts);
        boolean newer = fundsReportedAt == null || facts.reportedAt().isAfter(fundsReportedAt);
        if (!newer || command.withdrawn() == fundsWithdrawn) {
            return;
        }
        if (command.withdrawn()) {
            apply(new DisputeFundsWithdrawn(id, chargeId, accountId, facts.amount(), facts.reportedAt()));
        } else {
            apply(new DisputeFundsReinstated(id, chargeId, accountId, facts.amount(), facts.reportedAt()));
        }
    }

    /** A close is final; closing a dispute never reported before opens it first, so its effects happen in order. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReportDisputeClosed command) {
        DisputeFacts facts = command.facts();
        openIfFirstReport(command.disputeId(), facts);
        if (!closed) {
            apply(new DisputeClosed(id, facts.tenant(), chargeId, accountId, command.outcome(), amount,
                    facts.reportedAt()));
        }
    }

    /**
     * The chargeback saga's evidence (ADR 0015). Only the dispute's own tenant and account may attach it; a compilation
     * not newer than the last one (a redelivery, or one overtaken) and anything after the close change nothing.
     */
    @CommandHandler
    void handle(AttachRefundSideEvidence command) {
        if (!command.tenant().equals(tenant) || !command.accountId().equals(accountId)) {
            throw RuleViolation.notFound("Dispute " + command.disputeId() + " of account " + command.accountId());
        }
        boolean newer = evidenceCompiledAt == null || command.compiledAt().isAfter(evidenceCompiledAt);
        if (!closed && newer) {
            apply(new DisputeEvidenceAttached(id, chargeId, accountId, command.recommendation(), command.items(),
                    command.compiledAt()));
        }
    }

    /** The processor has the evidence, or an operator sends it: recorded once, and only while the dispute is open. */
    @CommandHandler
    void handle(RecordEvidenceSubmission command) {
        if (!closed && !evidenceSubmitted) {
            apply(new DisputeEvidenceSubmitted(id, chargeId, accountId, command.submission(), command.detail(),
                    command.at()));
        }
    }

    private boolean openIfFirstReport(DisputeId disputeId, DisputeFacts facts) {
        if (id != null) {
            return false;
        }
        apply(new DisputeOpened(disputeId, facts.tenant(), facts.processor(), facts.processorDisputeId(),
                facts.chargeId(), facts.accountId(), new DisputeTerms(facts.amount(), facts.reason(), facts.dueBy()),
                facts.reportedAt()));
        return true;
    }

    @EventSourcingHandler
    void on(DisputeOpened event) {
        id = event.disputeId();
        tenant = event.tenant();
        chargeId = event.chargeId();
        accountId = event.accountId();
        amount = event.amount();
        reason = event.reason();
        dueBy = event.dueBy();
        lastReportedAt = event.openedAt();
    }

    @EventSourcingHandler
    void on(DisputeUpdated event) {
        amount = event.amount();
        reason = event.reason();
        dueBy = event.dueBy();
        lastReportedAt = event.updatedAt();
    }

    @EventSourcingHandler
    void on(DisputeFundsWithdrawn event) {
        fundsWithdrawn = true;
        fundsReportedAt = event.withdrawnAt();
    }

    @EventSourcingHandler
    void on(DisputeFundsReinstated event) {
        fundsWithdrawn = false;
        fundsReportedAt = event.reinstatedAt();
    }

    @EventSourcingHandler
    void on(DisputeEvidenceAttached event) {
        evidenceCompiledAt = event.compiledAt();
    }

    @EventSourcingHandler
    void on(DisputeEvidenceSubmitted event) {
        evidenceSubmitted = true;
    }

    @EventSourcingHandler
    void on(DisputeClosed event) {
        closed = true;
    }

    /** Runs at the time of its account's test clock, when the account is on one. */
    @Override
    public String testClockAccount() {
        return accountId == null ? FROM_MESSAGE : accountId.value();
    }
}
