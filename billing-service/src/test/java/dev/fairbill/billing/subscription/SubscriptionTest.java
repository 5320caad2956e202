package dev.fairbill.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.subscription.BillingSchedule.ChargeRetryDue;
import dev.fairbill.billing.subscription.BillingSchedule.PeriodEndDue;
import dev.fairbill.billing.subscription.SubscriptionCommands.CancelSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPlan;
import dev.fairbill.billing.subscription.SubscriptionCommands.CreateSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.LiftSubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionCommands.PlaceSubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeCaptured;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeFailed;
import dev.fairbill.billing.subscription.SubscriptionCommands.TerminateSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.WithdrawSubscriptionCancellation;
import dev.fairbill.billing.subscription.SubscriptionEvents.BillingPosition;
import dev.fairbill.billing.subscription.SubscriptionEvents.CancellationRequest;
import dev.fairbill.billing.subscription.SubscriptionEvents.PeriodAllowance;
import dev.fairbill.billing.subscription.SubscriptionEvents.PeriodCharge;
import dev.fairbill.billing.subscription.SubscriptionEvents.PeriodPrice;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationWithdrawn;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargePostponed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeVoided;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionExpired;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionLifted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionPlaced;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerminated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerms;
import dev.fairbill.billing.subscription.SubscriptionEvents.Trial;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.FixtureClock;

/** The subscription lifecycle (docs/domain.md), each rule with the seed clause it comes from. */
class SubscriptionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant MONTH_LATER = Instant.parse("2026-12-22T10:00:00Z");
    private static final Instant TWO_MONTHS_LATER = Instant.parse("2027-01-22T10:00:00Z");
    private static final SubscriptionId ID = SubscriptionId.of("sub_0000000000000000000000000S");
    private static final AccountId ACCOUNT = AccountId.of("acct_0000000000000000000000000A");
    private static final String PM = "pm_card_ok";
    private static final PlanTerms MONTHLY = new PlanTerms("monthly", eur(1000), eur(1000), PlanInterval.MONTH, 100,
            0, 0);
    private static final PlanTerms YEARLY = new PlanTerms("yearly", eur(10000), eur(12000), PlanInterval.YEAR, 1200,
            0, 0);
    private static final PlanTerms TRIAL_MONTHLY = new PlanTerms("trial-monthly", eur(1000), eur(1000),
            PlanInterval.MONTH, 100, 7, 20);
    private static final SubscriptionPeriod FIRST = new SubscriptionPeriod(NOW, MONTH_LATER);
    private static final SubscriptionPeriod SECOND = new SubscriptionPeriod(MONTH_LATER, TWO_MONTHS_LATER);

    private AggregateTestFixture<Subscription> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(new SubscriptionDunning(List.of(Duration.ofDays(1), Duration.ofDays(3),
                Duration.ofDays(5))));
    }

    // --- creation and the first charge

    @Test
    void newSubscriptionChargesItsFirstPeriodAtOnce() {
        fixture.givenCurrentTime(NOW)
                .when(create(MONTHLY, null, null))
                .expectEvents(created(MONTHLY, eur(1000), null, SubscriptionStatus.ACTIVE, NOW, FIRST, null, NOW, 0),
                        requested(MONTHLY, eur(1000), FIRST, NOW, 0, 1, NOW))
                .expectScheduledDeadline(MONTH_LATER, new PeriodEndDue(MONTH_LATER));
    }

    @Test
    void capturedFirstChargeStartsTheSubscriptionWithItsIncludedCredits() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory().subList(0, 2))
                .when(new RecordSubscriptionChargeCaptured(ID, charge(FIRST, 1), eur(1000)))
                .expectEvents(new SubscriptionStarted(ID, ACCOUNT, "panel", SubscriptionStatus.ACTIVE,
                        new PeriodAllowance("monthly", FIRST, 100), Trial.NONE,
                        new PeriodPrice(eur(1000), eur(1000), null, charge(FIRST, 1)), NOW,
                        SubscriptionStatus.ACTIVE));
    }

    @Test
    void aRedeliveredCaptureChangesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new RecordSubscriptionChargeCaptured(ID, charge(FIRST, 1), eur(1000)))
                .expectNoEvents();
    }

    @Test
    void failedFirstChargeGoesPastDueAndIsRetried() { // ADR 0004
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory().subList(0, 2))
                .when(new RecordSubscriptionChargeFailed(ID, charge(FIRST, 1), "card_declined"))
                .expectEvents(new SubscriptionPaymentFailed(ID, ACCOUNT, "panel", charge(FIRST, 1), "card_declined",
                        1, NOW.plus(Duration.ofDays(1)), NOW, SubscriptionStatus.PAST_DUE))
                .expectScheduledDeadline(Duration.ofDays(1), new ChargeRetryDue(charge(FIRST, 1)));
    }

    @Test
    void trialStartsWithTrialCreditsAndChargesWhenTheTrialEnds() { // final-sale-duplicates-refunded §3.3
        Instant trialEnd = NOW.plus(Duration.ofDays(7));
        var trial = new SubscriptionPeriod(NOW, trialEnd);
        fixture.givenCurrentTime(NOW)
                .when(create(TRIAL_MONTHLY, null, null))
                .expectEvents(created(TRIAL_MONTHLY, eur(1000), null, SubscriptionStatus.TRIALING, NOW, trial,
                                trialEnd, trialEnd, -1),
                        new SubscriptionStarted(ID, ACCOUNT, "panel", SubscriptionStatus.TRIALING,
                                new PeriodAllowance("trial-monthly", trial, 0), new Trial(20, trialEnd),
                                new PeriodPrice(eur(1000), eur(1000), null, null), NOW,
                                SubscriptionStatus.TRIALING))
                .expectScheduledDeadline(trialEnd, new PeriodEndDue(trialEnd));
    }

    @Test
    void trialEndChargesTheFirstPaidPeriod() {
        Instant trialEnd = NOW.plus(Duration.ofDays(7));
        var firstPaid = new SubscriptionPeriod(trialEnd, Instant.parse("2026-12-29T10:00:00Z"));
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(create(TRIAL_MONTHLY, null, null))
                .whenThenTimeAdvancesTo(trialEnd)
                .expectEvents(requested(TRIAL_MONTHLY, eur(1000), firstPaid, trialEnd, 0, 1, trialEnd));
    }

    // --- renewal and dunning

    @Test
    void periodEndRenewsByChargingTheNextCalendarMonth() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(paidFirstPeriodCommands())
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER))
                .expectScheduledDeadline(TWO_MONTHS_LATER, new PeriodEndDue(TWO_MONTHS_LATER));
    }

    @Test
    void capturedRenewalIsFinalAndGrantsTheNextPeriodsCredits() { // final-sale-reseller §6
        fixture.givenCurrentTime(MONTH_LATER)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER))
                .when(new RecordSubscriptionChargeCaptured(ID, charge(SECOND, 1), eur(1000)))
                .expectEvents(new SubscriptionRenewed(ID, ACCOUNT, "panel",
                        new PeriodAllowance("monthly", SECOND, 100),
                        new PeriodPrice(eur(1000), eur(1000), null, charge(SECOND, 1)), MONTH_LATER,
                        SubscriptionStatus.ACTIVE));
    }

    /** Cancelled at once while the renewal's charge was on its way: the period is never served, nor paid for. */
    @Test
    void aRenewalCapturedAfterAnImmediateCancellationIsVoidedForItsCardPart() {
        var cancelled = new SubscriptionCancelled(ID, ACCOUNT, "panel", SubscriptionCancellationMode.IMMEDIATE,
                CancellationRequest.NONE, FIRST, MONTH_LATER);
        fixture.givenCurrentTime(MONTH_LATER)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER), cancelled)
                .when(new RecordSubscriptionChargeCaptured(ID, charge(SECOND, 1), eur(700)))
                .expectEvents(new SubscriptionChargeVoided(ID, ACCOUNT, "panel", charge(SECOND, 1), eur(700),
                        MONTH_LATER));
    }

    @Test
    void aVoidedChargeCapturedAgainChangesNothing() {
        fixture.givenCurrentTime(MONTH_LATER)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER),
                        new SubscriptionCancelled(ID, ACCOUNT, "panel", SubscriptionCancellationMode.IMMEDIATE,
                                CancellationRequest.NONE, FIRST, MONTH_LATER),
                        new SubscriptionChargeVoided(ID, ACCOUNT, "panel", charge(SECOND, 1), eur(1000),
                                MONTH_LATER))
                .when(new RecordSubscriptionChargeCaptured(ID, charge(SECOND, 1), eur(1000)))
                .expectNoEvents();
    }

    @Test
    void failedChargeIsRetriedOnTheDunningSchedule() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(create(MONTHLY, null, null),
                        new RecordSubscriptionChargeFailed(ID, charge(FIRST, 1), "card_declined"))
                .whenThenTimeElapses(Duration.ofDays(1))
                .expectEvents(requested(MONTHLY, eur(1000), FIRST, NOW, 0, 2, NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void secondFailureWaitsForTheNextDelay() {
        Instant later = MONTH_LATER.plus(Duration.ofDays(1));
        fixture.givenCurrentTime(later)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER),
                        new SubscriptionPaymentFailed(ID, ACCOUNT, "panel", charge(SECOND, 1), "card_declined", 1,
                                later, MONTH_LATER, SubscriptionStatus.PAST_DUE),
                        requested(MONTHLY, eur(1000), SECOND, NOW, 1, 2, later))
                .when(new RecordSubscriptionChargeFailed(ID, charge(SECOND, 2), "card_declined"))
                .expectEvents(new SubscriptionPaymentFailed(ID, ACCOUNT, "panel", charge(SECOND, 2), "card_declined",
                        2, later.plus(Duration.ofDays(3)), later, SubscriptionStatus.PAST_DUE))
                .expectScheduledDeadline(Duration.ofDays(3), new ChargeRetryDue(charge(SECOND, 2)));
    }

    @Test
    void exhaustedRetriesExpireTheSubscription() {
        fixture.givenCurrentTime(MONTH_LATER)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER),
                        failed(SECOND, 1), requested(MONTHLY, eur(1000), SECOND, NOW, 1, 2, MONTH_LATER),
                        failed(SECOND, 2), requested(MONTHLY, eur(1000), SECOND, NOW, 1, 3, MONTH_LATER),
                        failed(SECOND, 3), requested(MONTHLY, eur(1000), SECOND, NOW, 1, 4, MONTH_LATER))
                .when(new RecordSubscriptionChargeFailed(ID, charge(SECOND, 4), "card_declined"))
                .expectEvents(new SubscriptionPaymentFailed(ID, ACCOUNT, "panel", charge(SECOND, 4), "card_declined",
                                4, null, MONTH_LATER, SubscriptionStatus.PAST_DUE),
                        new SubscriptionExpired(ID, ACCOUNT, "panel", "monthly", charge(SECOND, 4), MONTH_LATER));
    }

    @Test
    void periodEndingUnpaidExpires() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(create(MONTHLY, null, null),
                        new RecordSubscriptionChargeFailed(ID, charge(FIRST, 1), "card_declined"))
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(requested(MONTHLY, eur(1000), FIRST, NOW, 0, 2, NOW.plus(Duration.ofDays(1))),
                        new SubscriptionExpired(ID, ACCOUNT, "panel", "monthly", charge(FIRST, 2), MONTH_LATER));
    }

    // --- cancellation (final-sale-reseller §10, final-sale-duplicates-refunded §1)

    @Test
    void endOfPeriodCancellationKeepsAccessUntilThePeriodEnds() { // final-sale-duplicates-refunded §1.2
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.END_OF_PERIOD, "too expensive", false,
                        null, null))
                .expectEvents(new SubscriptionCancellationScheduled(ID, ACCOUNT, "panel", MONTH_LATER,
                        new CancellationRequest("too expensive", false, null, null), NOW,
                        SubscriptionStatus.CANCELLATION_SCHEDULED));
    }

    @Test
    void scheduledCancellationEndsTheSubscriptionAtPeriodEndWithoutRenewal() { // final-sale-reseller §10
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(paidFirstPeriodCommands())
                .andGivenCommands(scheduleCancellation())
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "panel",
                        SubscriptionCancellationMode.END_OF_PERIOD, CancellationRequest.NONE, FIRST, MONTH_LATER));
    }

    @Test
    void scheduledCancellationCanBeWithdrawnBeforeTheEnd() {
        fixture.givenCurrentTime(NOW.plus(Duration.ofDays(3)))
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled())
                .when(new WithdrawSubscriptionCancellation(ID))
                .expectEvents(new SubscriptionCancellationWithdrawn(ID, ACCOUNT, "panel", SubscriptionStatus.ACTIVE,
                        NOW.plus(Duration.ofDays(3)), SubscriptionStatus.ACTIVE));
    }

    @Test
    void withdrawnCancellationRenewsAsUsual() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(paidFirstPeriodCommands())
                .andGivenCommands(scheduleCancellation(), new WithdrawSubscriptionCancellation(ID))
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(requested(MONTHLY, eur(1000), SECOND, NOW, 1, 1, MONTH_LATER));
    }

    @Test
    void withdrawingWithNothingScheduledIsAConflict() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new WithdrawSubscriptionCancellation(ID))
                .expectException(SubscriptionRuleViolation.class)
                .expectExceptionMessage("Subscription " + ID + " has no scheduled cancellation to withdraw.")
                .expectNoEvents();
    }

    @Test
    void withdrawingAfterTheEndIsAConflict() {
        fixture.givenCurrentTime(MONTH_LATER)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled())
                .when(new WithdrawSubscriptionCancellation(ID))
                .expectException(SubscriptionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void withdrawingFromACancelledSubscriptionIsAConflict() {
        fixture.givenCurrentTime(MONTH_LATER)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled(), new SubscriptionCancelled(ID, ACCOUNT, "panel",
                        SubscriptionCancellationMode.END_OF_PERIOD, CancellationRequest.NONE, FIRST, MONTH_LATER))
                .when(new WithdrawSubscriptionCancellation(ID))
                .expectException(SubscriptionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    // final-sale-duplicates-refunded §1.3, final-sale-reseller §10
    void immediateCancellationEndsAccessNowAndRefundsNothing() {
        Instant later = NOW.plus(Duration.ofDays(10));
        fixture.givenCurrentTime(later)
                .andGiven(paidFirstPeriodHistory())
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.IMMEDIATE, "leaving", false, null, null))
                .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "panel", SubscriptionCancellationMode.IMMEDIATE,
                        new CancellationRequest("leaving", false, null, null), FIRST, later));
    }

    @Test
    void refundRequestRidesOnTheCancellationOnly() { // final-sale-reseller §10: a cancellation never refunds by itself
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.IMMEDIATE, null, true, "COOLING_OFF",
                        "rc_REFUND"))
                .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "panel", SubscriptionCancellationMode.IMMEDIATE,
                        new CancellationRequest(null, true, "COOLING_OFF", "rc_REFUND"), FIRST, NOW));
    }

    @Test
    void cancellingACancelledSubscriptionIsAConflict() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(new SubscriptionCancelled(ID, ACCOUNT, "panel", SubscriptionCancellationMode.IMMEDIATE,
                        CancellationRequest.NONE, FIRST, NOW))
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.IMMEDIATE, null, false, null, null))
                .expectException(SubscriptionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void schedulingTwiceIsAConflict() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled())
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.END_OF_PERIOD, null, false, null, null))
                .expectException(SubscriptionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void scheduledCancellationCanBeMadeImmediate() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled())
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.IMMEDIATE, null, false, null, null))
                .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "panel", SubscriptionCancellationMode.IMMEDIATE,
                        CancellationRequest.NONE, FIRST, NOW));
    }

    @Test
    void endOfPeriodCancellationOfAnUnpaidPeriodTakesEffectNow() { // ADR 0004
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory().subList(0, 2))
                .andGiven(failed(FIRST, 1))
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.END_OF_PERIOD, null, false, null, null))
                .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "panel",
                        SubscriptionCancellationMode.END_OF_PERIOD, CancellationRequest.NONE, FIRST, NOW));
    }

    // --- holds: suspension, reinstatement, termination (final-sale-reseller §9, final-sale-duplicates-refunded §7)

    @Test
    void firstHoldSuspends() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new PlaceSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new SubscriptionSuspensionPlaced(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1",
                        true, SubscriptionStatus.ACTIVE, NOW));
    }

    @Test
    void placingTheSameHoldTwiceChangesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(hold("dp_1"))
                .when(new PlaceSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectNoEvents();
    }

    @Test
    void eventsThatChangeTheStatusOfASuspendedSubscriptionSayItStillShowsSuspended() {
        // projections copy the status the event carries instead of working out the suspension again
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(hold("dp_1"))
                .when(new CancelSubscription(ID, SubscriptionCancellationMode.END_OF_PERIOD, null, false, null, null))
                .expectEvents(new SubscriptionCancellationScheduled(ID, ACCOUNT, "panel", MONTH_LATER,
                        CancellationRequest.NONE, NOW, SubscriptionStatus.SUSPENDED));
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled(), hold("dp_1"))
                .when(new WithdrawSubscriptionCancellation(ID))
                .expectEvents(new SubscriptionCancellationWithdrawn(ID, ACCOUNT, "panel", SubscriptionStatus.ACTIVE,
                        NOW, SubscriptionStatus.SUSPENDED));
    }

    @Test
    void reinstatedOnlyWhenEveryHoldIsLifted() { // like Kill Bill's blocking states
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(hold("dp_1"), new SubscriptionSuspensionPlaced(ID, ACCOUNT, "panel",
                        SuspensionReason.OPERATOR, "op", false, SubscriptionStatus.SUSPENDED, NOW))
                .when(new LiftSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new SubscriptionSuspensionLifted(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1",
                        null, NOW));
    }

    @Test
    void liftingTheLastHoldRestoresThePreviousState() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(scheduled(), new SubscriptionSuspensionPlaced(ID, ACCOUNT, "panel",
                        SuspensionReason.DISPUTE, "dp_1", true, SubscriptionStatus.CANCELLATION_SCHEDULED, NOW))
                .when(new LiftSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new SubscriptionSuspensionLifted(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1",
                        SubscriptionStatus.CANCELLATION_SCHEDULED, NOW));
    }

    @Test
    void liftingAnUnknownHoldChangesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new LiftSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectNoEvents();
    }

    @Test
    void noRenewalChargeWhileSuspended() { // ADR 0004
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(paidFirstPeriodCommands())
                .andGivenCommands(new PlaceSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(new SubscriptionChargePostponed(ID, SubscriptionPostponedCharge.RENEWAL, MONTH_LATER));
    }

    @Test
    void reinstatementChargesThePostponedRenewalFromThatDay() { // ADR 0004: suspended time is not billed
        Instant reinstated = MONTH_LATER.plus(Duration.ofDays(5));
        var period = new SubscriptionPeriod(reinstated, TWO_MONTHS_LATER.plus(Duration.ofDays(5)));
        fixture.givenCurrentTime(reinstated)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(hold("dp_1"), new SubscriptionChargePostponed(ID, SubscriptionPostponedCharge.RENEWAL,
                        MONTH_LATER))
                .when(new LiftSubscriptionSuspension(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new SubscriptionSuspensionLifted(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1",
                                SubscriptionStatus.ACTIVE, reinstated),
                        requested(MONTHLY, eur(1000), period, reinstated, 0, 1, reinstated));
    }

    @Test
    void scheduledCancellationStillEndsASuspendedSubscription() { // final-sale-reseller §10
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(paidFirstPeriodCommands())
                .andGivenCommands(scheduleCancellation(), new PlaceSubscriptionSuspension(ID,
                        SuspensionReason.DISPUTE, "dp_1"))
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "panel",
                        SubscriptionCancellationMode.END_OF_PERIOD, CancellationRequest.NONE, FIRST, MONTH_LATER));
    }

    @Test
    void terminationEndsTheSubscription() { // final-sale-reseller §9: a lost dispute terminates
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(hold("dp_1"))
                .when(new TerminateSubscription(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new SubscriptionTerminated(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1", NOW));
    }

    @Test
    void terminatedSubscriptionIgnoresFurtherHoldsAndTermination() {
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .andGiven(new SubscriptionTerminated(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1", NOW))
                .when(new TerminateSubscription(ID, SuspensionReason.DISPUTE, "dp_1"))
                .expectNoEvents();
    }

    // --- plan change, import, coupon

    @Test
    void planChangeTakesEffectAtTheNextPeriod() { // plan changes at the next period
        fixture.givenCurrentTime(NOW)
                .andGiven(paidFirstPeriodHistory())
                .when(new ChangeSubscriptionPlan(ID, YEARLY))
                .expectEvents(new SubscriptionPlanChangeScheduled(ID, ACCOUNT, "panel", YEARLY, MONTH_LATER, NOW));
    }

    @Test
    void renewalAfterPlanChangeChargesTheNewPlan() {
        var year = new SubscriptionPeriod(MONTH_LATER, Instant.parse("2027-12-22T10:00:00Z"));
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(paidFirstPeriodCommands())
                .andGivenCommands(new ChangeSubscriptionPlan(ID, YEARLY))
                .whenThenTimeAdvancesTo(MONTH_LATER)
                .expectEvents(requested(YEARLY, eur(10000), year, MONTH_LATER, 0, 1, MONTH_LATER));
    }

    @Test
    void importedSubscriptionChargesOnlyItsCurrentPeriod() { // backdateStartTo
        Instant start = Instant.parse("2026-08-31T09:00:00Z");
        var current = new SubscriptionPeriod(Instant.parse("2026-10-31T09:00:00Z"),
                Instant.parse("2026-11-30T09:00:00Z"));
        fixture.givenCurrentTime(NOW)
                .when(create(MONTHLY, start, null))
                .expectEvents(created(MONTHLY, eur(1000), null, SubscriptionStatus.ACTIVE, start, current, null,
                                start, 2), requested(MONTHLY, eur(1000), current, start, 2, 1, NOW));
    }

    @Test
    void importStartingInTheFutureIsRefused() {
        fixture.givenCurrentTime(NOW)
                .when(create(MONTHLY, NOW.plusSeconds(60), null))
                .expectException(SubscriptionRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void couponLowersTheChargeButKeepsTheListPrice() { // cooling-off-prorata: refund maths use the list price
        fixture.givenCurrentTime(NOW)
                .when(create(YEARLY, null, 10))
                .expectEvents(created(YEARLY, eur(9000), 10, SubscriptionStatus.ACTIVE, NOW,
                                new SubscriptionPeriod(NOW, Instant.parse("2027-11-22T10:00:00Z")), null, NOW, 0),
                        new SubscriptionChargeRequested(ID, ACCOUNT, "panel", YEARLY,
                                new BillingPosition(new SubscriptionPeriod(NOW, Instant.parse("2027-11-22T10:00:00Z")),
                                        NOW, 0),
                                new PeriodCharge(SubscriptionChargeIds.of(ID, NOW, 1), eur(9000), 1, PM,
                                        description(YEARLY, new SubscriptionPeriod(NOW,
                                                Instant.parse("2027-11-22T10:00:00Z")))), NOW));
    }

    @Test
    void couponRoundsHalfEvenInMinorUnits() {
        assertThat(BillingSchedule.discounted(eur(1010), 25)).isEqualTo(eur(758));
        assertThat(BillingSchedule.discounted(eur(1030), 25)).isEqualTo(eur(772));
        assertThat(BillingSchedule.discounted(eur(1000), null)).isEqualTo(eur(1000));
    }

    @Test
    void monthlyPeriodsKeepTheDayOfMonthInUtc() {
        Instant anchor = Instant.parse("2027-01-31T12:00:00Z");
        assertThat(PlanInterval.MONTH.periodStart(anchor, 1)).isEqualTo(Instant.parse("2027-02-28T12:00:00Z"));
        assertThat(PlanInterval.MONTH.periodStart(anchor, 2)).isEqualTo(Instant.parse("2027-03-31T12:00:00Z"));
        assertThat(PlanInterval.YEAR.periodStart(anchor, 1)).isEqualTo(Instant.parse("2028-01-31T12:00:00Z"));
    }

    @Test
    void chargeIdsAreCanonicalAndStablePerAttempt() {
        ChargeId first = SubscriptionChargeIds.of(ID, NOW, 1);
        assertThat(Ids.isValid(IdPrefix.CHARGE, first.value())).isTrue();
        assertThat(SubscriptionChargeIds.of(ID, NOW, 1)).isEqualTo(first);
        assertThat(SubscriptionChargeIds.of(ID, NOW, 2)).isNotEqualTo(first);
    }

    // --- helpers

    private static CreateSubscription create(PlanTerms plan, Instant backdate, Integer coupon) {
        return new CreateSubscription(ID, ACCOUNT, "panel", plan, PM, backdate, coupon);
    }

    private static SubscriptionCreated created(PlanTerms plan, Money price, Integer coupon, SubscriptionStatus status,
                                               Instant start, SubscriptionPeriod period, Instant trialEnd,
                                               Instant anchor, long number) {
        return new SubscriptionCreated(ID, ACCOUNT, "panel", new SubscriptionTerms(plan, price, coupon, PM), status,
                start, new BillingPosition(period, anchor, number), trialEnd, NOW);
    }

    private static SubscriptionChargeRequested requested(PlanTerms plan, Money amount, SubscriptionPeriod period,
                                                         Instant anchor, long number, int attempt, Instant at) {
        return new SubscriptionChargeRequested(ID, ACCOUNT, "panel", plan,
                new BillingPosition(period, anchor, number),
                new PeriodCharge(charge(period, attempt), amount, attempt, PM, description(plan, period)), at);
    }

    private static String description(PlanTerms plan, SubscriptionPeriod period) {
        return "Subscription " + ID + " (" + plan.planId() + "), period " + period.start() + " – " + period.end();
    }

    private static ChargeId charge(SubscriptionPeriod period, int attempt) {
        return SubscriptionChargeIds.of(ID, period.start(), attempt);
    }

    private static SubscriptionPaymentFailed failed(SubscriptionPeriod period, int attempt) {
        return new SubscriptionPaymentFailed(ID, ACCOUNT, "panel", charge(period, attempt), "card_declined", attempt,
                null, NOW, SubscriptionStatus.PAST_DUE);
    }

    private static List<Object> paidFirstPeriodCommands() {
        return List.of(create(MONTHLY, null, null),
                new RecordSubscriptionChargeCaptured(ID, charge(FIRST, 1), eur(1000)));
    }

    private static CancelSubscription scheduleCancellation() {
        return new CancelSubscription(ID, SubscriptionCancellationMode.END_OF_PERIOD, null, false, null, null);
    }

    /** Created, first charge requested, first charge captured. */
    private static List<Object> paidFirstPeriodHistory() {
        return List.of(created(MONTHLY, eur(1000), null, SubscriptionStatus.ACTIVE, NOW, FIRST, null, NOW, 0),
                requested(MONTHLY, eur(1000), FIRST, NOW, 0, 1, NOW),
                new SubscriptionStarted(ID, ACCOUNT, "panel", SubscriptionStatus.ACTIVE,
                        new PeriodAllowance("monthly", FIRST, 100), Trial.NONE,
                        new PeriodPrice(eur(1000), eur(1000), null, charge(FIRST, 1)), NOW, SubscriptionStatus.ACTIVE));
    }

    private static SubscriptionCancellationScheduled scheduled() {
        return new SubscriptionCancellationScheduled(ID, ACCOUNT, "panel", MONTH_LATER, CancellationRequest.NONE, NOW,
                SubscriptionStatus.CANCELLATION_SCHEDULED);
    }

    private static SubscriptionSuspensionPlaced hold(String reference) {
        return new SubscriptionSuspensionPlaced(ID, ACCOUNT, "panel", SuspensionReason.DISPUTE, reference, true,
                SubscriptionStatus.ACTIVE, NOW);
    }

    private static Money eur(long amount) {
        return Money.of(amount, "EUR");
    }
}
