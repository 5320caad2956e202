package dev.fairbill.refund.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;
import dev.fairbill.refund.saga.ChargebackRequests.CreditsClawbackRequested;
import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidenceCompiled;
import dev.fairbill.refund.saga.ChargebackRequests.DisputeLossRecorded;
import dev.fairbill.refund.saga.ChargebackRequests.SubResellerFreezeRequested;
import dev.fairbill.refund.saga.ChargebackRequests.SubResellerUnfreezeRequested;
import dev.fairbill.refund.saga.ReportedFacts.DisputeCloseReported;
import dev.fairbill.refund.saga.ReportedFacts.DisputeOpenReported;

/**
 * Chargeback-triggered suspension (saga 3; final-sale-reseller §9, final-sale-duplicates-refunded §7). Billing marks
 * the charge disputed
 * and holds the account when the webhook arrives, and the ledger freezes on the account's suspension (ADR 0009); this
 * saga does the rest: it freezes the sub-resellers' allocations, compiles the refund side of the evidence bundle at
 * once and again shortly before the processor's due date, and on the outcome lifts the sub-resellers' freezes
 * (won or lost: the review is over) and, when lost, claws back the credits the charge bought and records the loss.
 */
@StoredAs("refund.ChargebackSaga")
@Saga
@ProcessingGroup(ChargebackSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ChargebackSaga implements OnTestClock {

    public static final String PROCESSING_GROUP = "chargeback-saga";
    public static final String SAGA_NAME = "chargeback";
    static final String EVIDENCE_DUE = "dispute-evidence-due";
    static final String OUTCOME_DUE = "dispute-outcome-due";
    /** The evidence is compiled again this long before the processor's due date, with the facts known by then. */
    static final Duration EVIDENCE_LEAD = Duration.ofDays(1);
    /** Card networks decide within about 75 days of the evidence; a dispute open longer is stuck. */
    static final Duration OUTCOME_WAIT = Duration.ofDays(75);

    private String disputeId;
    private String chargeId;
    private String accountId;
    private String tenant;
    private List<String> subResellers = new ArrayList<>();

    @StartSaga
    @SagaEventHandler(associationProperty = "disputeId")
    void on(DisputeOpenReported opened, EventGateway events, DeadlineManager deadlines,
            DisputeEvidenceSource evidence, SagaProgress progress, Clock clock) {
        disputeId = opened.disputeId();
        chargeId = opened.chargeId();
        accountId = opened.accountId();
        tenant = opened.tenant();
        subResellers = new ArrayList<>(opened.subResellers());
        Instant now = clock.instant();
        subResellers.forEach(sub -> events.publish(new SubResellerFreezeRequested(disputeId, sub, tenant, now)));
        compileEvidence(events, evidence, now);
        Instant outcomeDue = (opened.dueBy() == null ? now : opened.dueBy()).plus(OUTCOME_WAIT);
        if (opened.dueBy() != null && opened.dueBy().minus(EVIDENCE_LEAD).isAfter(now)) {
            deadlines.schedule(opened.dueBy().minus(EVIDENCE_LEAD), EVIDENCE_DUE, new EvidenceDue(opened.dueBy()));
        }
        deadlines.schedule(outcomeDue, OUTCOME_DUE, new OutcomeDue(outcomeDue));
        progress.waiting(SAGA_NAME, disputeId, "awaiting-outcome", now, outcomeDue);
    }

    @DeadlineHandler(deadlineName = EVIDENCE_DUE)
    void evidenceDue(EvidenceDue due, EventGateway events, DisputeEvidenceSource evidence, Clock clock) {
        compileEvidence(events, evidence, clock.instant());
    }

    @DeadlineHandler(deadlineName = OUTCOME_DUE)
    void outcomeOverdue(OutcomeDue due, SagaProgress progress, Clock clock) {
        progress.overdue(SAGA_NAME, disputeId, clock.instant());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "disputeId")
    void on(DisputeCloseReported closed, EventGateway events, DeadlineManager deadlines, SagaProgress progress,
            Clock clock) {
        Instant now = clock.instant();
        subResellers.forEach(sub -> events.publish(new SubResellerUnfreezeRequested(disputeId, sub, tenant, now)));
        if ("LOST".equals(closed.outcome())) {
            events.publish(new CreditsClawbackRequested(disputeId, chargeId, accountId, tenant, now));
            events.publish(new DisputeLossRecorded(disputeId, chargeId, accountId, tenant, closed.amount(), now));
        }
        deadlines.cancelAllWithinScope(EVIDENCE_DUE);
        deadlines.cancelAllWithinScope(OUTCOME_DUE);
        progress.ended(SAGA_NAME, disputeId, closed.outcome(), now);
    }

    /** For an account on a test clock, the dispute's due dates wait for that clock. */
    @Override
    public String testClockAccount() {
        return accountId == null ? FROM_MESSAGE : accountId;
    }

    private void compileEvidence(EventGateway events, DisputeEvidenceSource evidence, Instant now) {
        events.publish(new DisputeEvidenceCompiled(disputeId, chargeId, accountId, tenant,
                evidence.compile(tenant, accountId, chargeId), now));
    }

    /** @param dueBy the processor's due date for the evidence */
    @StoredAs("refund.EvidenceDue")
    record EvidenceDue(Instant dueBy) {
    }

    /** @param expectedBy when the processor's outcome should have arrived */
    @StoredAs("refund.OutcomeDue")
    record OutcomeDue(Instant expectedBy) {
    }
}
