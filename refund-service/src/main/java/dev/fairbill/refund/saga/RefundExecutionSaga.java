package dev.fairbill.refund.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.refund.refundcase.RefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ExecuteRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayout;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutFailure;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RetryPayout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.refundcase.RefundCaseStatus;
import dev.fairbill.refund.policy.RemedyKind;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundFailureReported;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundReported;
import dev.fairbill.refund.saga.ReportedFacts.LotGrantReported;

/**
 * Carries out an approved refund case exactly once (sagas 1 and 2): the payout to the original payment
 * method (billing refunds the charge) or to the account balance (a ledger REFUND_BALANCE lot), or the remedy. Every
 * request carries the case's one refund id, so a retry never pays twice; a refused processor refund is retried with
 * backoff and then fails the case back to review. Every wait has a deadline; one that passes marks the saga overdue
 * ({@code fairbill_saga_overdue}) and the saga keeps waiting, because the answer travels through the outbox and the
 * inbox and is never lost.
 */
@StoredAs("refund.RefundExecutionSaga")
@Saga
@ProcessingGroup(RefundExecutionSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RefundExecutionSaga {

    public static final String PROCESSING_GROUP = "refund-execution-saga";
    public static final String SAGA_NAME = "refund-execution";
    static final String ANSWER_DUE = "refund-answer-due";
    static final String RETRY_DUE = "refund-retry-due";
    /** Billing's refusals that no retry can change (ChargeRefundFailedV1); a processor's failure may pass. */
    static final Set<String> PERMANENT_FAILURES = Set.of("charge-not-captured", "currency-mismatch",
            "invalid-amount", "charge-disputed", "exceeds-refundable");

    private String caseId;
    private String refundId;
    private int attempt;
    private boolean remedy;

    @StartSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(RefundCaseOpened opened, CommandGateway commands, SagaProgress progress,
            RefundExecutionSettings settings, Clock clock) {
        if (opened.status() != RefundCaseStatus.APPROVED) {
            SagaLifecycle.end();
            return;
        }
        start(opened.caseId(), commands, progress, settings, clock);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(RefundCaseApproved approved, CommandGateway commands, SagaProgress progress,
            RefundExecutionSettings settings, Clock clock) {
        start(approved.caseId(), commands, progress, settings, clock);
    }

    private void start(RefundCaseId id, CommandGateway commands, SagaProgress progress,
                       RefundExecutionSettings settings, Clock clock) {
        caseId = id.value();
        refundId = RefundCase.refundIdOf(id);
        SagaLifecycle.associateWith("refundId", refundId);
        Instant now = clock.instant();
        progress.waiting(SAGA_NAME, caseId, "executing", now, now.plus(settings.answerTimeout()));
        commands.sendAndWait(new ExecuteRefundCase(id));
    }

    @SagaEventHandler(associationProperty = "caseId")
    void on(PayoutRequested requested, DeadlineManager deadlines, SagaProgress progress, RefundExecutionSettings settings,
            Clock clock) {
        attempt = requested.attempt();
        awaitAnswer("payout-attempt-" + attempt, settings.answerTimeout(), deadlines, progress, clock);
    }

    @SagaEventHandler(associationProperty = "caseId")
    void on(RemedyRequested requested, DeadlineManager deadlines, SagaProgress progress,
            RefundExecutionSettings settings, Clock clock) {
        remedy = true;
        boolean operatorTask = requested.credits() == null || !RemedyKind.SERVICE_CREDIT.name().equals(requested.kind());
        Duration wait = operatorTask ? settings.remedyTaskTimeout() : settings.answerTimeout();
        awaitAnswer("remedy-" + requested.kind(), wait, deadlines, progress, clock);
    }

    @SagaEventHandler(associationProperty = "refundId")
    void on(ChargeRefundReported refunded, CommandGateway commands) {
        commands.sendAndWait(new RecordPayout(id(), refunded.refundId(),
                refunded.toBalance() == null || refunded.toBalance().isZero() ? null : refunded.toBalance()));
    }

    /** A grant under the case's refund id: the balance payout, or the service credits of a remedy. */
    @SagaEventHandler(associationProperty = "operationId", keyName = "refundId")
    void on(LotGrantReported granted, CommandGateway commands) {
        if (remedy) {
            commands.sendAndWait(new CompleteRemedy(id(), null, "Credits granted as lot " + granted.lotId() + ".",
                    "system"));
        } else {
            commands.sendAndWait(new RecordPayout(id(), granted.operationId()));
        }
    }

    @SagaEventHandler(associationProperty = "refundId")
    void on(ChargeRefundFailureReported failed, CommandGateway commands, DeadlineManager deadlines,
            SagaProgress progress, RefundExecutionSettings settings, Clock clock) {
        Duration pause = PERMANENT_FAILURES.contains(failed.failureCode()) ? null : settings.pauseBefore(attempt + 1);
        deadlines.cancelAllWithinScope(ANSWER_DUE);
        commands.sendAndWait(new RecordPayoutFailure(id(), failed.refundId(), failed.failureCode(), pause == null));
        if (pause != null) {
            deadlines.schedule(pause, RETRY_DUE, new RetryDue(attempt + 1));
            progress.waiting(SAGA_NAME, caseId, "retry-backoff", clock.instant(), clock.instant().plus(pause));
        }
    }

    @DeadlineHandler(deadlineName = RETRY_DUE)
    void retry(RetryDue due, CommandGateway commands) {
        commands.sendAndWait(new RetryPayout(id(), due.attempt()));
    }

    @DeadlineHandler(deadlineName = ANSWER_DUE)
    void answerOverdue(AnswerDue due, SagaProgress progress, Clock clock) {
        progress.overdue(SAGA_NAME, caseId, clock.instant());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(RefundPaidOut paid, DeadlineManager deadlines, SagaProgress progress, Clock clock) {
        finish("COMPLETED", deadlines, progress, clock);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(RefundExecutionFailed failed, DeadlineManager deadlines, SagaProgress progress, Clock clock) {
        finish("FAILED", deadlines, progress, clock);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(RemedyApplied applied, DeadlineManager deadlines, SagaProgress progress, Clock clock) {
        finish("REMEDIED", deadlines, progress, clock);
    }

    private void awaitAnswer(String step, Duration wait, DeadlineManager deadlines, SagaProgress progress,
                             Clock clock) {
        deadlines.cancelAllWithinScope(ANSWER_DUE);
        deadlines.schedule(wait, ANSWER_DUE, new AnswerDue(step));
        Instant now = clock.instant();
        progress.waiting(SAGA_NAME, caseId, step, now, now.plus(wait));
    }

    private void finish(String outcome, DeadlineManager deadlines, SagaProgress progress, Clock clock) {
        deadlines.cancelAllWithinScope(ANSWER_DUE);
        deadlines.cancelAllWithinScope(RETRY_DUE);
        progress.ended(SAGA_NAME, caseId, outcome, clock.instant());
    }

    /** @param attempt the attempt the retry makes */
    @StoredAs("refund.RetryDue")
    record RetryDue(int attempt) {
    }

    /** @param step what the saga waits for */
    @StoredAs("refund.AnswerDue")
    record AnswerDue(String step) {
    }

    private RefundCaseId id() {
        return RefundCaseId.of(caseId);
    }
}
