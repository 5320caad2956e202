package dev.fairbill.refund.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.FixtureClock;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.Decision.Outcome;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.refundcase.RefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ExecuteRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayout;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutFailure;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RetryPayout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Assessment;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Award;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Claim;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Payout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Review;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellation;
import dev.fairbill.refund.refundcase.RefundCaseStatus;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundFailureReported;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundReported;
import dev.fairbill.refund.saga.ReportedFacts.LotGrantReported;

/**
 * The refund execution saga (sagas 1–2; issue: "an APPROVED case pays out exactly once"): every path, the
 * retries with backoff, the failure back to review, and the deadlines.
 */
class RefundExecutionSagaTest {

    private static final String CASE = "rc_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final RefundCaseId ID = RefundCaseId.of(CASE);
    private static final String REFUND = RefundCase.refundIdOf(ID);
    private static final String TENANT = "studio";
    private static final String ACCOUNT = "acct_1";
    private static final String CHARGE = "ch_2";
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Money EUR_1000 = Money.of(1000, "EUR");
    private static final RefundRequest DUPLICATE = new RefundRequest(RefundReason.DUPLICATE_CHARGE,
            new Target(TargetKind.CHARGE, CHARGE), null, List.of());
    private static final Decision APPROVED = new Decision(Outcome.APPROVED, EUR_1000,
            Destination.ORIGINAL_PAYMENT_METHOD, null, "final-sale-duplicates-refunded", 1, "duplicate-flagged",
            "The duplicate is refunded.");
    private static final RefundExecutionSettings SETTINGS = new RefundExecutionSettings(
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)), Duration.ofMinutes(15), Duration.ofDays(5));

    private SagaTestFixture<RefundExecutionSaga> fixture;
    private RecordedProgress progress;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RefundExecutionSaga.class);
        progress = new RecordedProgress();
        fixture.registerResource(progress);
        fixture.registerResource(SETTINGS);
        fixture.registerResource(new FixtureClock(fixture::currentTime));
    }

    @Test
    // final-sale-duplicates-refunded §4.3: the flagged duplicate's case is approved at once
    void anApprovedCaseIsExecuted() {
        fixture.givenCurrentTime(NOW)
                .whenAggregate(CASE).publishes(opened(APPROVED, RefundCaseStatus.APPROVED))
                .expectActiveSagas(1)
                .expectAssociationWith("refundId", REFUND)
                .expectDispatchedCommands(new ExecuteRefundCase(ID));
    }

    @Test
    void aReviewersApprovalIsExecuted() { // final-sale-reseller §8, exceptions-within-7-days part 3
        Decision review = new Decision(Outcome.NEEDS_REVIEW, null, null, null, "exceptions-within-7-days", 1,
                "fraud-with-proof", "A reviewer decides.");
        fixture.givenAggregate(CASE).published(opened(review, RefundCaseStatus.IN_REVIEW))
                .whenAggregate(CASE).publishes(new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, DUPLICATE, review,
                        new Award(EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD, null), Review.of("ok",
                        "key_reviewer"), NOW))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ExecuteRefundCase(ID));
    }

    @Test
    void aDeniedOrInReviewCaseStartsNothing() {
        Decision denied = new Decision(Outcome.DENIED, null, null, null, "final-sale-reseller", 1, "final-sale",
                "All sales are final.");
        fixture.whenAggregate(CASE).publishes(opened(denied, RefundCaseStatus.DENIED))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aPayoutRequestWaitsForItsAnswerWithADeadline() {
        fixture.givenCurrentTime(NOW)
                .andThenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED))
                .whenAggregate(CASE).publishes(payout(1))
                .expectScheduledDeadlineWithName(Duration.ofMinutes(15), RefundExecutionSaga.ANSWER_DUE)
                .expectNoDispatchedCommands();
        assertThat(progress.calls).contains("waiting refund-execution " + CASE + " payout-attempt-1 due "
                + NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void billingsSplitRefundIsRecordedWithItsBalancePart() {
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenPublishingA(new ChargeRefundReported(REFUND, CHARGE, ACCOUNT, EUR_1000, NOW,
                        Money.of(300, "EUR")))
                .expectDispatchedCommands(new RecordPayout(ID, REFUND, Money.of(300, "EUR")));
    }

    @Test
    void billingsRefundCompletesTheCaseAndEndsTheSaga() {
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenPublishingA(new ChargeRefundReported(REFUND, CHARGE, ACCOUNT, EUR_1000, NOW))
                .expectDispatchedCommands(new RecordPayout(ID, REFUND));
    }

    @Test
    void thePaidOutCaseEndsTheSagaAndItsDeadlines() {
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenAggregate(CASE).publishes(new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD, NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(progress.calls).last().isEqualTo("ended refund-execution " + CASE + " COMPLETED");
    }

    @Test
    void aRefusedProcessorRefundIsRetriedAfterTheBackoffWithTheSameRefundId() { // issue: retries with backoff
        fixture.givenCurrentTime(NOW)
                .andThenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenPublishingA(new ChargeRefundFailureReported(REFUND, CHARGE, "refund_failed", NOW))
                .expectDispatchedCommands(new RecordPayoutFailure(ID, REFUND, "refund_failed", false))
                .expectScheduledDeadlineWithName(Duration.ofMinutes(1), RefundExecutionSaga.RETRY_DUE)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(15), RefundExecutionSaga.ANSWER_DUE);
    }

    @Test
    void theRetryDeadlineAsksAgainForTheNextAttempt() {
        fixture.givenCurrentTime(NOW)
                .andThenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .andThenAPublished(new ChargeRefundFailureReported(REFUND, CHARGE, "refund_failed", NOW))
                .whenTimeElapses(Duration.ofMinutes(1))
                .expectTriggeredDeadlines(new RefundExecutionSaga.RetryDue(2))
                .expectDispatchedCommands(new RetryPayout(ID, 2));
    }

    @Test
    void theLastRefusalFailsTheCaseWithoutAnotherAttempt() { // issue: then FAILED to review, never a second payout
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1), payout(2),
                        payout(3))
                .whenPublishingA(new ChargeRefundFailureReported(REFUND, CHARGE, "refund_failed", NOW))
                .expectDispatchedCommands(new RecordPayoutFailure(ID, REFUND, "refund_failed", true))
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(5), RefundExecutionSaga.RETRY_DUE);
    }

    @Test
    void aRefusalNoRetryCanChangeFailsAtOnce() { // a charge under dispute is never refunded
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenPublishingA(new ChargeRefundFailureReported(REFUND, CHARGE, "charge-disputed", NOW))
                .expectDispatchedCommands(new RecordPayoutFailure(ID, REFUND, "charge-disputed", true));
    }

    @Test
    void theFailedCaseEndsTheSaga() {
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenAggregate(CASE).publishes(new RefundExecutionFailed(ID, TENANT, ACCOUNT, REFUND,
                        "charge-disputed", NOW))
                .expectActiveSagas(0);
        assertThat(progress.calls).last().isEqualTo("ended refund-execution " + CASE + " FAILED");
    }

    @Test
    void anAnswerLaterThanItsDeadlineMarksTheSagaOverdueAndItKeepsWaiting() { // issue: every wait has a deadline
        fixture.givenCurrentTime(NOW)
                .andThenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(progress.calls).last().asString().startsWith("overdue refund-execution " + CASE + " at ");
    }

    @Test
    // cooling-off-prorata: the pro-rata rest as account balance
    void aBalancePayoutCompletesWhenTheLedgerGrantsTheLot() {
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenPublishingA(new LotGrantReported(REFUND, ACCOUNT, "lot_1", NOW))
                .expectDispatchedCommands(new RecordPayout(ID, REFUND));
    }

    @Test
    void grantedServiceCreditsCompleteTheRemedy() { // final-sale-duplicates-refunded §4.2
        Decision credits = new Decision(Outcome.REMEDY, null, null, new Decision.Remedy("SERVICE_CREDIT", null, 12L),
                "final-sale-duplicates-refunded", 1, "outage-credits", "Service credits.");
        fixture.givenAggregate(CASE).published(opened(credits, RefundCaseStatus.APPROVED),
                        new RemedyRequested(ID, TENANT, ACCOUNT, "SERVICE_CREDIT", 12L, REFUND, "sub_1", NOW))
                .whenPublishingA(new LotGrantReported(REFUND, ACCOUNT, "lot_7", NOW))
                .expectDispatchedCommands(new CompleteRemedy(ID, null, "Credits granted as lot lot_7.", "system"));
    }

    @Test
    void anOperatorTaskWaitsForTheOperatorWithTheTaskDeadline() { // final-sale-reseller §7: operational fix
        Decision fix = new Decision(Outcome.REMEDY, null, null, new Decision.Remedy("OPERATIONAL_FIX", null, null),
                "final-sale-reseller", 1, "failed-activation", "Support fixes it.");
        fixture.givenAggregate(CASE).published(opened(fix, RefundCaseStatus.APPROVED))
                .whenAggregate(CASE).publishes(new RemedyRequested(ID, TENANT, ACCOUNT, "OPERATIONAL_FIX", null,
                        REFUND, "sub_1", NOW))
                .expectScheduledDeadlineWithName(Duration.ofDays(5), RefundExecutionSaga.ANSWER_DUE);
    }

    @Test
    void anAppliedRemedyEndsTheSaga() {
        Decision fix = new Decision(Outcome.REMEDY, null, null, new Decision.Remedy("OPERATIONAL_FIX", null, null),
                "final-sale-reseller", 1, "failed-activation", "Support fixes it.");
        fixture.givenAggregate(CASE).published(opened(fix, RefundCaseStatus.APPROVED),
                        new RemedyRequested(ID, TENANT, ACCOUNT, "OPERATIONAL_FIX", null, REFUND, "sub_1", NOW))
                .whenAggregate(CASE).publishes(new RemedyApplied(ID, TENANT, ACCOUNT, "OPERATIONAL_FIX", "fixed",
                        "key_ops", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void anotherCasesRefundIsNotThisSagasAnswer() {
        fixture.givenAggregate(CASE).published(opened(APPROVED, RefundCaseStatus.APPROVED), payout(1))
                .whenPublishingA(new ChargeRefundReported("re_other", CHARGE, ACCOUNT, EUR_1000, NOW))
                .expectNoDispatchedCommands();
    }

    private static PayoutRequested payout(int attempt) {
        return new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                Destination.ORIGINAL_PAYMENT_METHOD), attempt, "DUPLICATE_CHARGE", NOW);
    }

    private static RefundCaseOpened opened(Decision decision, RefundCaseStatus status) {
        return new RefundCaseOpened(ID, TENANT, ACCOUNT, DUPLICATE, CHARGE, new Claim(null, List.of()),
                new Assessment(decision, status, null), NOW, SubscriptionCancellation.ofTarget(false, DUPLICATE));
    }
}
