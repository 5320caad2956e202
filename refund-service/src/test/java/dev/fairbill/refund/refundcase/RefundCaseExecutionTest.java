package dev.fairbill.refund.refundcase;

import static dev.fairbill.platform.testsupport.Refusals.refused;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.testsupport.FixtureClock;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.Decision.Outcome;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ExecuteRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayout;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutFailure;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutReversal;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RetryPayout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Assessment;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Award;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Claim;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutAttemptFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Payout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPayoutReversed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Review;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellation;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellationRequested;

/** Carrying out an approved case (the sagas): one refund id, paid once, failures back to review, remedies. */
class RefundCaseExecutionTest {

    private static final RefundCaseId ID = RefundCaseId.of("rc_1");
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

    private FixtureConfiguration<RefundCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RefundCase.class);
        fixture.registerInjectableResource(new FixtureClock((AggregateTestFixture<?>) fixture));
    }

    @Test
    // final-sale-duplicates-refunded §4.3: the duplicate goes back to the card
    void anApprovedCasePaysOutUnderItsOneRefundId() {
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(payout(1));
    }

    @Test
    void executingTwiceRequestsOnePayout() { // a redelivered saga step has one effect
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1))
                .when(new ExecuteRefundCase(ID))
                .expectNoEvents();
    }

    @Test
    void aCaseInReviewOrDeniedIsNotExecuted() {
        Decision review = new Decision(Outcome.NEEDS_REVIEW, null, null, null, "final-sale-reseller", 1,
                "duplicate-unflagged", "A reviewer decides.");
        fixture.given(opened(DUPLICATE, review, RefundCaseStatus.IN_REVIEW, false))
                .when(new ExecuteRefundCase(ID))
                .expectNoEvents();
    }

    @Test
    void aReviewersApprovalPaysTheApprovedAmountToTheChosenDestination() { // final-sale-reseller §8
        Decision review = new Decision(Outcome.NEEDS_REVIEW, null, null, null, "final-sale-reseller", 1,
                "duplicate-unflagged", "A reviewer decides.");
        Money lower = Money.of(400, "EUR");
        fixture.given(opened(DUPLICATE, review, RefundCaseStatus.IN_REVIEW, false),
                        new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, DUPLICATE, review, new Award(lower,
                                Destination.ACCOUNT_BALANCE, null), Review.of("partly", "key_reviewer"), NOW))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(lower,
                        Destination.ACCOUNT_BALANCE), 1, "DUPLICATE_CHARGE", NOW));
    }

    @Test
    void underCoolingOffARefundAskedForByTheChargeOfASubscriptionCancelsItToo() { // cooling-off-prorata "cancels it immediately"
        RefundRequest byCharge = new RefundRequest(RefundReason.COOLING_OFF,
                new Target(TargetKind.CHARGE, CHARGE), null, List.of());
        Decision full = new Decision(Outcome.APPROVED, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD, null,
                "cooling-off-prorata", 1, "cooling-off-full", "Full refund.");
        fixture.given(new RefundCaseOpened(ID, TENANT, ACCOUNT, byCharge, CHARGE, new Claim(null, List.of()),
                new Assessment(full, RefundCaseStatus.APPROVED, null), NOW, new SubscriptionCancellation(true,
                "sub_1")))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD), 1, "COOLING_OFF", NOW),
                        new SubscriptionCancellationRequested(ID, TENANT, ACCOUNT, "sub_1", NOW));
    }

    @Test
    void anApprovedSubscriptionRefundUnderCoolingOffAlsoCancelsTheSubscription() { // cooling-off-prorata template
        RefundRequest coolingOff = new RefundRequest(RefundReason.COOLING_OFF,
                new Target(TargetKind.SUBSCRIPTION, "sub_1"), null, List.of());
        Decision full = new Decision(Outcome.APPROVED, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD, null,
                "cooling-off-prorata", 1, "cooling-off-full", "Full refund.");
        fixture.given(opened(coolingOff, full, RefundCaseStatus.APPROVED, true))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD), 1, "COOLING_OFF", NOW),
                        new SubscriptionCancellationRequested(ID, TENANT, ACCOUNT, "sub_1", NOW));
    }

    @Test
    void aRetryCarriesTheSameRefundIdAndTheNextAttempt() { // never a second payout
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1),
                        new PayoutAttemptFailed(ID, TENANT, REFUND, 1, "refund_failed", false, NOW))
                .andGivenCurrentTime(NOW)
                .when(new RetryPayout(ID, 2))
                .expectEvents(payout(2));
    }

    @Test
    void aRedeliveredRetryRequestsNothingMore() {
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1), payout(2))
                .when(new RetryPayout(ID, 2))
                .expectNoEvents();
    }

    @Test
    void thePayoutCompletesTheCase() {
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1))
                .andGivenCurrentTime(NOW)
                .when(new RecordPayout(ID, REFUND))
                .expectEvents(new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD, NOW));
    }

    @Test
    void aRefundOfAChargeTheBalancePartlyPaidShowsBothLegs() { // ADR 0010
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1))
                .andGivenCurrentTime(NOW)
                .when(new RecordPayout(ID, REFUND, Money.of(300, "EUR")))
                .expectEvents(new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD, NOW,
                        new RefundCaseEvents.Legs(Money.of(700, "EUR"), Money.of(300, "EUR"))));
    }

    @Test
    void aRedeliveredPayoutAnswerChangesNothing() {
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1),
                        new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD,
                                NOW))
                .when(new RecordPayout(ID, REFUND))
                .expectNoEvents();
    }

    @Test
    void theLastRefusedAttemptFailsTheCaseBackToReview() { // issue: then the case goes FAILED to review
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1), payout(2))
                .andGivenCurrentTime(NOW)
                .when(new RecordPayoutFailure(ID, REFUND, "refund_failed", true))
                .expectEvents(new PayoutAttemptFailed(ID, TENANT, REFUND, 2, "refund_failed", true, NOW),
                        new RefundExecutionFailed(ID, TENANT, ACCOUNT, REFUND, "refund_failed", NOW));
    }

    /** The card is closed: the reviewer approves the failed case again, to the balance; it pays once, there. */
    @Test
    void aFailedCaseIsApprovedAgainToTheBalanceAndPaysOnceThere() {
        var failed = new Object[] {opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1),
                new PayoutAttemptFailed(ID, TENANT, REFUND, 1, "card_closed", true, NOW),
                new RefundExecutionFailed(ID, TENANT, ACCOUNT, REFUND, "card_closed", NOW)};
        var reapproved = new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, DUPLICATE, APPROVED, new Award(EUR_1000,
                Destination.ACCOUNT_BALANCE, null), Review.of("card closed: to the balance", "key_reviewer"), NOW);
        fixture.given(failed)
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, null, Destination.ACCOUNT_BALANCE, EUR_1000,
                        "card closed: to the balance", "key_reviewer"))
                .expectEvents(reapproved);
        var all = new ArrayList<>(List.of(failed));
        all.add(reapproved);
        fixture.given(all.toArray())
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                        Destination.ACCOUNT_BALANCE), 2, "DUPLICATE_CHARGE", NOW));
        all.add(new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                Destination.ACCOUNT_BALANCE), 2, "DUPLICATE_CHARGE", NOW));
        all.add(new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000, Destination.ACCOUNT_BALANCE, NOW));
        fixture.given(all.toArray())
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "again", "key_reviewer"))
                .expectNoEvents()
                .expectException(refused(Kind.CONFLICT, "case-already-decided"));
    }

    /** A payout the processor reversed later goes back to review with a new deadline, once; never stays COMPLETED. */
    @Test
    void aPayoutTheProcessorReversedSendsTheCaseBackToReviewOnce() {
        Instant dueBy = NOW.plus(Duration.ofDays(5));
        var paid = new Object[] {opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1),
                new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD, NOW)};
        var reversed = new RefundPayoutReversed(ID, TENANT, ACCOUNT, REFUND, EUR_1000, "expired_or_canceled_card",
                dueBy, NOW);
        fixture.given(paid)
                .andGivenCurrentTime(NOW)
                .when(new RecordPayoutReversal(ID, REFUND, EUR_1000, "expired_or_canceled_card", dueBy))
                .expectEvents(reversed)
                .expectScheduledDeadlineWithName(dueBy, RefundCase.REVIEW_DEADLINE);
        var all = new ArrayList<>(List.of(paid));
        all.add(reversed);
        setUp(); // a fixture whose deadline manager has scheduled nothing yet, so its time can be set
        fixture.given(all.toArray())
                .when(new RecordPayoutReversal(ID, REFUND, EUR_1000, "expired_or_canceled_card", dueBy))
                .expectNoEvents();
        // in review: approved again, the payout is attempt 2 under the same refund id
        var reapproved = new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, DUPLICATE, APPROVED, new Award(EUR_1000,
                Destination.ORIGINAL_PAYMENT_METHOD, null), Review.of("new card", "key_reviewer"), NOW);
        fixture.given(all.toArray())
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "new card", "key_reviewer"))
                .expectEvents(reapproved);
        all.add(reapproved);
        fixture.given(all.toArray())
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD), 2, "DUPLICATE_CHARGE", NOW));
    }

    @Test
    void aReversalOfAnotherRefundOrOfAPayoutToTheBalanceChangesNothing() {
        Instant dueBy = NOW.plus(Duration.ofDays(5));
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1),
                        new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD,
                                NOW))
                .when(new RecordPayoutReversal(ID, "re_other", EUR_1000, "failed", dueBy))
                .expectNoEvents();
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1))
                .when(new RecordPayoutReversal(ID, REFUND, EUR_1000, "failed", dueBy))
                .expectNoEvents();
        Decision toBalance = new Decision(Outcome.APPROVED, EUR_1000, Destination.ACCOUNT_BALANCE, null,
                "final-sale-duplicates-refunded", 1, "duplicate-flagged", "The duplicate is refunded.");
        fixture.given(opened(DUPLICATE, toBalance, RefundCaseStatus.APPROVED, false), payout(1),
                        new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000, Destination.ACCOUNT_BALANCE, NOW))
                .when(new RecordPayoutReversal(ID, REFUND, EUR_1000, "failed", dueBy))
                .expectNoEvents();
    }

    @Test
    void aFailureAfterThePayoutChangesNothing() {
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1),
                        new RefundPaidOut(ID, TENANT, ACCOUNT, REFUND, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD,
                                NOW))
                .when(new RecordPayoutFailure(ID, REFUND, "refund_failed", true))
                .expectNoEvents();
    }

    @Test
    void serviceCreditsAreGrantedUnderTheCasesOperationId() { // final-sale-duplicates-refunded §4.2
        Decision credits = remedy("SERVICE_CREDIT", 12L);
        fixture.given(opened(outage(), credits, RefundCaseStatus.APPROVED, false))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new RemedyRequested(ID, TENANT, ACCOUNT, "SERVICE_CREDIT", 12L, REFUND, "sub_1",
                        NOW));
    }

    @Test
    void aRefillIsRequestedAndTheCaseStaysExecutingUntilItIsDelivered() { // refill-or-refund: refill inside the window
        Decision refill = remedy("REFILL", 150L);
        RefundRequest dropped = new RefundRequest(RefundReason.COUNT_DROPPED,
                new Target(TargetKind.PURCHASE, "pur_1"), null, List.of());
        fixture.given(opened(dropped, refill, RefundCaseStatus.APPROVED, false))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new RemedyRequested(ID, TENANT, ACCOUNT, "REFILL", 150L, REFUND, "pur_1", NOW));
        fixture.given(opened(dropped, refill, RefundCaseStatus.APPROVED, false),
                        new RemedyRequested(ID, TENANT, ACCOUNT, "REFILL", 150L, REFUND, "pur_1", NOW))
                .andGivenCurrentTime(NOW)
                .when(new CompleteRemedy(ID, null, "Refill delivered: 150 units.", "system"))
                .expectEvents(new RemedyApplied(ID, TENANT, ACCOUNT, "REFILL", "Refill delivered: 150 units.",
                        "system", NOW));
    }

    @Test
    void anOperatorCompletesARemedyTask() { // final-sale-reseller §7: operational fix through support
        Decision fix = remedy("OPERATIONAL_FIX", null);
        fixture.given(opened(outage(), fix, RefundCaseStatus.APPROVED, false),
                        new RemedyRequested(ID, TENANT, ACCOUNT, "OPERATIONAL_FIX", null, REFUND, "sub_1", NOW))
                .andGivenCurrentTime(NOW)
                .when(new CompleteRemedy(ID, TENANT, "DNS slot fixed", "key_ops", new Actor("key_ops", "req-9")))
                .expectEvents(new RemedyApplied(ID, TENANT, ACCOUNT, "OPERATIONAL_FIX", "DNS slot fixed", "key_ops",
                        NOW, new Actor("key_ops", "req-9")));
    }

    @Test
    void anOperatorCannotCompleteWhatIsNotARemedyUnderWay() {
        fixture.given(opened(DUPLICATE, APPROVED, RefundCaseStatus.APPROVED, false), payout(1))
                .when(new CompleteRemedy(ID, TENANT, "done", "key_ops"))
                .expectNoEvents()
                .expectException(refused(Kind.CONFLICT, "no-remedy-under-way"));
    }

    private static RefundRequest outage() {
        return new RefundRequest(RefundReason.SERVICE_UNAVAILABLE, new Target(TargetKind.SUBSCRIPTION, "sub_1"),
                null, List.of());
    }

    private static Decision remedy(String kind, Long credits) {
        return new Decision(Outcome.REMEDY, null, null, new Decision.Remedy(kind, null, credits), "policy", 1,
                "clause", "A remedy.");
    }

    private static PayoutRequested payout(int attempt) {
        return new PayoutRequested(ID, TENANT, ACCOUNT, CHARGE, REFUND, new Payout(EUR_1000,
                Destination.ORIGINAL_PAYMENT_METHOD), attempt, "DUPLICATE_CHARGE", NOW);
    }

    private static RefundCaseOpened opened(RefundRequest request, Decision decision, RefundCaseStatus status,
                                           boolean cancelsSubscription) {
        return new RefundCaseOpened(ID, TENANT, ACCOUNT, request, CHARGE, new Claim(null, List.of()),
                new Assessment(decision, status, null), NOW, SubscriptionCancellation.ofTarget(cancelsSubscription,
                request));
    }
}
