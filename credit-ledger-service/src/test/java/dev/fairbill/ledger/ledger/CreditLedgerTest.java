package dev.fairbill.ledger.ledger;

import static dev.fairbill.platform.rules.RuleViolation.Kind.CONFLICT;
import static dev.fairbill.platform.rules.RuleViolation.Kind.LOCKED;
import static dev.fairbill.platform.rules.RuleViolation.Kind.REFUSED;
import static dev.fairbill.platform.testsupport.Refusals.refused;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fairbill.ledger.ledger.CreditLedger.HoldExpiryDue;
import dev.fairbill.ledger.ledger.CreditLedger.LotExpiryDue;
import dev.fairbill.ledger.ledger.LedgerCommands.ApplyCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.CaptureHold;
import dev.fairbill.ledger.ledger.LedgerCommands.ClawBackCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ConsumeCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.ledger.LedgerCommands.FreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerCommands.PlaceHold;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefund;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefundReversal;
import dev.fairbill.ledger.ledger.LedgerCommands.ReleaseHold;
import dev.fairbill.ledger.ledger.LedgerCommands.RestoreCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.TransferCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.UnfreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.VoidLot;
import dev.fairbill.ledger.ledger.LedgerCommands.WithdrawCashBalance;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceApplied;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceRestored;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalStarted;
import dev.fairbill.ledger.ledger.LedgerEvents.Coverage;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldPlaced;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldReleased;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerFrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerUnfrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LotAmount;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotOrigin;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.LedgerEvents.OverdraftSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.TierChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundFailed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundPaid;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundReversed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.ledger.ledger.LedgerSettings.Tenant;
import dev.fairbill.ledger.ledger.LedgerSettings.Tier;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.testsupport.FixtureClock;

/** The credit ledger's rules (docs/domain.md, credit ledger), each with the seed clause it comes from, if any. */
class CreditLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
    private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));
    private static final Instant IN_A_WEEK = NOW.plus(Duration.ofDays(7));
    private static final Instant IN_A_MONTH = NOW.plus(Duration.ofDays(30));
    private static final LedgerId ID = LedgerId.of("acct_0000000000000000000000000A");
    private static final LedgerId SUB_RESELLER = LedgerId.of("acct_0000000000000000000000000B");
    /** Reseller tiers: silver from 1,000 and gold from 5,000 lifetime purchased credits; no overdraft. */
    private static final String PANEL = "panel";
    /** May overdraw 50 credits; no tiers. */
    private static final String STUDIO = "studio";
    private static final LedgerSettings SETTINGS = new LedgerSettings(100, Duration.ofMinutes(15), Duration.ofDays(7),
            new Tenant(0, Map.of(), List.of()),
            Map.of(PANEL, new Tenant(0, Map.of(), List.of(new Tier("silver", 1000, false), new Tier("gold", 5000, true))),
                    STUDIO, new Tenant(50, Map.of(), List.of())));
    private static final CreditUnit EUR = CreditUnit.of("EUR");
    private static final String SUB = "sub_1";
    private static final String OTHER_SUB = "sub_2";
    private static final String CHARGE = "ch_1";
    private static final String OTHER_CHARGE = "ch_2";
    private static final String NEW_CHARGE = "ch_3";
    private static final HoldId HOLD = HoldId.of("hold_1");

    private AggregateTestFixture<CreditLedger> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(CreditLedger.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(SETTINGS);
        // A lot is a mutable object without value equality, so the fixture cannot compare the lots it rebuilt from
        // the events with the working ones; the events themselves are compared here, and CreditLedgerPropertiesTest
        // checks the lots against a journal kept from the events.
        fixture.registerIgnoredField(LotBook.class, "lots");
    }

    // --- opening

    @Test
    void openingCreatesAnEmptyLedger() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new OpenLedger(ID, PANEL, "SUB_RESELLER", "acct_0000000000000000000000000P"))
                .expectEvents(new LedgerOpened(ID, PANEL, "acct_0000000000000000000000000P", NOW, "SUB_RESELLER"));
    }

    @Test
    void openingAnOpenLedgerAgainChangesNothing() { // billing's fact may arrive more than once
        ledger().when(new OpenLedger(ID, PANEL, "CUSTOMER", null)).expectNoEvents();
    }

    // --- grants

    @Test
    void trialCreditsExpireAtTheTrialsEnd() { // final-sale-duplicates-refunded §3.3
        GrantLot trial = trial("lot_trial", SUB, 20, IN_A_WEEK);
        ledger().when(trial)
                .expectEvents(granted(trial))
                .expectResultMessagePayload(LotId.of("lot_trial"))
                .expectScheduledDeadline(IN_A_WEEK, new LotExpiryDue(LotId.of("lot_trial")));
    }

    @Test
    void purchasedCreditsNeverExpire() { // final-sale-reseller §5, final-sale-duplicates-refunded §3.2
        GrantLot pack = purchased("lot_pack", CHARGE, 500);
        ledger().when(pack)
                .expectEvents(granted(pack))
                .expectNoScheduledDeadlines();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalidGrantIsRefusedAndGrantsNothing(String why, GrantLot grant, String slug) { // lot sources
        ledger().when(grant)
                .expectException(refused(REFUSED, slug))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    static Stream<Arguments> invalidGrantIsRefusedAndGrantsNothing() {
        return Stream.of(
                Arguments.of("zero amount", credits("lot_x", LotSource.GOODWILL, 0, null), "invalid-amount"),
                Arguments.of("negative amount", credits("lot_x", LotSource.GOODWILL, -5, null), "invalid-amount"),
                Arguments.of("credits in a currency", new GrantLot(ID, "grant/x", LotId.of("lot_x"), EUR,
                        LotSource.PURCHASED, 100, null, "ref", CHARGE, null), "unit-mismatch"),
                Arguments.of("cash balance in credits", new GrantLot(ID, "grant/x", LotId.of("lot_x"),
                        CreditUnit.CREDIT, LotSource.REFUND_BALANCE, 100, null, "ref", CHARGE, null), "unit-mismatch"),
                Arguments.of("expiring now", credits("lot_x", LotSource.SERVICE_CREDIT, 10, NOW), "expiry-in-past"),
                Arguments.of("expired an hour ago", credits("lot_x", LotSource.SERVICE_CREDIT, 10,
                        NOW.minus(Duration.ofHours(1))), "expiry-in-past"),
                Arguments.of("cash that expires", new GrantLot(ID, "grant/x", LotId.of("lot_x"), EUR,
                        LotSource.REFUND_BALANCE, 100, IN_A_WEEK, "ref", CHARGE, null), "cash-never-expires"));
    }

    /** No sum of a ledger's lots, entries or journal lines may overflow: a unit's balance stops at 10^15. */
    @Test
    void aGrantThatWouldTakeTheBalancePastTheLimitIsRefused() {
        long limit = CreditLedger.MAX_BALANCE;
        ledger(credits("lot_big", LotSource.GOODWILL, limit - 5, null))
                .when(credits("lot_more", LotSource.GOODWILL, 6, null))
                .expectException(refused(REFUSED, "balance-limit"))
                .expectNoEvents();
        ledger(credits("lot_big", LotSource.GOODWILL, limit - 5, null))
                .when(credits("lot_last", LotSource.GOODWILL, 5, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void repeatedGrantOperationGrantsOnceAndAnswersTheFirstLot() { // operations are applied once
        GrantLot first = purchased("lot_pack", CHARGE, 500);
        ledger(first)
                .when(new GrantLot(ID, first.operationId(), LotId.of("lot_again"), CreditUnit.CREDIT,
                        LotSource.PURCHASED, 500, null, "ref", CHARGE, null))
                .expectNoEvents()
                .expectResultMessagePayload(LotId.of("lot_pack"));
    }

    @Test
    void refundPaidAsBalanceRaisesTheCashBalance() { // cooling-off-prorata, REFUND_BALANCE
        GrantLot cash = cash("lot_cash", CHARGE, 500);
        ledger().when(cash)
                .expectEvents(granted(cash), cashBalance(500, 1, NOW));
    }

    // --- consumption

    @Test
    void consumptionTakesTheSoonestExpiringLotFirst() { // soonest-expiring first, then the oldest
        ledger(purchased("lot_pack", CHARGE, 100),
                credits("lot_service", LotSource.SERVICE_CREDIT, 50, IN_A_MONTH),
                trial("lot_trial", SUB, 20, IN_A_WEEK))
                .when(consume("c1", 80))
                .expectEvents(consumed("c1", 80, List.of(take("lot_trial", 20), take("lot_service", 50),
                        take("lot_pack", 10)), 0, 90))
                .expectResultMessagePayload(new ConsumptionResult("cons/c1", false, 80, List.of(take("lot_trial", 20),
                        take("lot_service", 50), take("lot_pack", 10)), 90));
    }

    @Test
    void lotsThatNeverExpireAreConsumedOldestFirst() { // then the oldest
        ledger(purchased("lot_first", CHARGE, 60), purchased("lot_second", OTHER_CHARGE, 60))
                .when(consume("c1", 80))
                .expectEvents(consumed("c1", 80, List.of(take("lot_first", 60), take("lot_second", 20)), 0, 40));
    }

    @Test
    void lotsExpiringTogetherAreConsumedOldestFirst() { // then the oldest
        ledger(credits("lot_later", LotSource.GOODWILL, 30, IN_A_MONTH),
                credits("lot_older", LotSource.SERVICE_CREDIT, 30, IN_A_WEEK),
                credits("lot_newer", LotSource.SERVICE_CREDIT, 30, IN_A_WEEK))
                .when(consume("c1", 70))
                .expectEvents(consumed("c1", 70, List.of(take("lot_older", 30), take("lot_newer", 30),
                        take("lot_later", 10)), 0, 20));
    }

    @Test
    void insufficientCreditsAreRefusedAndNothingIsConsumed() { // never negative without an overdraft
        ledger(purchased("lot_pack", CHARGE, 50))
                .when(consume("c1", 51))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    @Test
    void nonPositiveConsumptionIsRefused() {
        ledger(purchased("lot_pack", CHARGE, 50))
                .when(consume("c1", 0))
                .expectException(refused(REFUSED, "invalid-amount"))
                .expectNoEvents();
    }

    @Test
    void overdraftTakesTheBalanceBelowZeroUpToTheTenantsLimit() { // unless the tenant allows an overdraft
        ledgerOf(STUDIO, purchased("lot_pack", CHARGE, 30))
                .when(consume("c1", 70))
                .expectEvents(new CreditsConsumed(ID, STUDIO, "c1", "cons/c1", "job/c1", 70,
                        new Coverage(List.of(take("lot_pack", 30)), 40, -40), NOW));
    }

    @Test
    void overdraftBeyondTheLimitIsRefused() { // unless the tenant allows an overdraft
        ledgerOf(STUDIO, purchased("lot_pack", CHARGE, 30), consume("c1", 70))
                .when(consume("c2", 11))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    @Test
    void tenantWithoutOverdraftNeverOverdraws() { // balance never goes negative
        ledger(purchased("lot_pack", CHARGE, 30))
                .when(consume("c1", 31))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    @Test
    void laterGrantSettlesTheOverdraftFirst() { // overdraft
        GrantLot pack = purchased("lot_new", OTHER_CHARGE, 100);
        ledgerOf(STUDIO, purchased("lot_pack", CHARGE, 30), consume("c1", 70))
                .when(pack)
                .expectEvents(granted(pack, STUDIO), new OverdraftSettled(ID, STUDIO, LotId.of("lot_new"), 40, NOW));
    }

    @Test
    void afterTheOverdraftIsSettledOnlyTheRestOfTheGrantIsLeft() { // overdraft
        ledgerOf(STUDIO, purchased("lot_pack", CHARGE, 30), consume("c1", 70), purchased("lot_new", OTHER_CHARGE, 100))
                .when(consume("c2", 60))
                .expectEvents(new CreditsConsumed(ID, STUDIO, "c2", "cons/c2", "job/c2", 60,
                        new Coverage(List.of(take("lot_new", 60)), 0, 0), NOW));
    }

    @Test
    void repeatedConsumptionIsAppliedOnce() { // a consumption carries an operation id, applied at most once
        ledger(purchased("lot_pack", CHARGE, 100), consume("c1", 30))
                .when(new ConsumeCredits(ID, "c1", "cons/other", 30, "job/c1"))
                .expectNoEvents()
                .expectResultMessagePayload(new ConsumptionResult("cons/c1", true, 0, List.of(), 0));
    }

    @Test
    // final-sale-duplicates-refunded §3.3; lazy expiry before the deadline arrives
    void consumptionNeverUsesALotWhoseExpiryHasCome() {
        fixture.givenCurrentTime(NOW)
                .andGiven(opened(PANEL), granted(trial("lot_trial", SUB, 20, TOMORROW)),
                        granted(purchased("lot_pack", CHARGE, 100)))
                .andGivenCurrentTime(IN_A_WEEK)
                .when(consume("c1", 30))
                .expectEvents(removed("lot_trial", LotSource.TRIAL, 20, RemovalKind.EXPIRED, null, IN_A_WEEK),
                        consumed("c1", 30, List.of(take("lot_pack", 30)), 0, 70, IN_A_WEEK));
    }

    @Test
    void refusedConsumptionRecordsNothingNotEvenTheExpiryItNoticed() { // the lot-expiry deadline records it
        fixture.givenCurrentTime(NOW)
                .andGiven(opened(PANEL), granted(trial("lot_trial", SUB, 20, TOMORROW)))
                .andGivenCurrentTime(IN_A_WEEK)
                .when(consume("c1", 10))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    // --- expiry

    @Test
    void whatIsLeftOfALotExpiresAtItsDeadline() { // final-sale-duplicates-refunded §3.3; expiry is an entry
        ledger(trial("lot_trial", SUB, 20, TOMORROW), consume("c1", 5))
                .whenThenTimeAdvancesTo(TOMORROW)
                .expectEvents(removed("lot_trial", LotSource.TRIAL, 15, RemovalKind.EXPIRED, null, TOMORROW))
                .expectTriggeredDeadlines(new LotExpiryDue(LotId.of("lot_trial")));
    }

    @Test
    void usedUpLotLeavesNothingToExpire() {
        ledger(trial("lot_trial", SUB, 20, TOMORROW), consume("c1", 20))
                .whenThenTimeAdvancesTo(TOMORROW)
                .expectNoEvents();
    }

    // --- holds

    @Test
    void holdReservesCreditsUntilItExpires() { // holds, two-phase
        ledger(purchased("lot_pack", CHARGE, 100))
                .when(hold(40, IN_AN_HOUR))
                .expectEvents(placed(40, List.of(take("lot_pack", 40)), IN_AN_HOUR))
                .expectResultMessagePayload(HOLD)
                .expectScheduledDeadline(IN_AN_HOUR, new HoldExpiryDue(HOLD));
    }

    @Test
    void heldCreditsCannotBeConsumed() { // holds reserve credits
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR))
                .when(consume("c1", 61))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    @Test
    void holdNeedsUsableCreditsAndNeverOverdraws() { // holds reserve credits that exist
        ledgerOf(STUDIO, purchased("lot_pack", CHARGE, 30))
                .when(hold(31, IN_AN_HOUR))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    @Test
    void holdMustExpireLater() { // a hold times out
        ledger(purchased("lot_pack", CHARGE, 100))
                .when(hold(10, NOW))
                .expectException(refused(REFUSED, "expiry-in-past"))
                .expectNoEvents();
    }

    @Test
    void capturingAHoldUsesAllItsCredits() { // capture
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR))
                .when(new CaptureHold(ID, HOLD, null))
                .expectEvents(new HoldCaptured(ID, PANEL, HOLD, "job/hold", 40, List.of(take("lot_pack", 40)),
                        List.of(), 60, NOW))
                .expectResultMessagePayload(HoldStatus.CAPTURED);
    }

    @Test
    void capturingPartOfAHoldGivesTheRestBack() { // capture or release
        ledger(trial("lot_trial", SUB, 30, IN_A_MONTH), purchased("lot_pack", CHARGE, 100), hold(50, IN_AN_HOUR))
                .when(new CaptureHold(ID, HOLD, 40L))
                .expectEvents(new HoldCaptured(ID, PANEL, HOLD, "job/hold", 40,
                        List.of(take("lot_trial", 30), take("lot_pack", 10)), List.of(take("lot_pack", 10)), 90,
                        NOW));
    }

    @Test
    void capturingMoreThanTheHoldIsRefused() {
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR))
                .when(new CaptureHold(ID, HOLD, 41L))
                .expectException(refused(REFUSED, "exceeds-hold"))
                .expectNoEvents();
    }

    @Test
    void releasingAHoldGivesItsCreditsBack() { // release
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR))
                .when(new ReleaseHold(ID, HOLD))
                .expectEvents(new HoldReleased(ID, PANEL, HOLD, List.of(take("lot_pack", 40)), false, NOW))
                .expectResultMessagePayload(HoldStatus.RELEASED);
    }

    @Test
    void holdReleasesItselfWhenItTimesOut() { // a hold times out and releases by itself
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR))
                .whenThenTimeElapses(Duration.ofHours(1))
                .expectEvents(new HoldReleased(ID, PANEL, HOLD, List.of(take("lot_pack", 40)), true, IN_AN_HOUR))
                .expectTriggeredDeadlines(new HoldExpiryDue(HOLD));
    }

    @Test
    void capturedHoldDoesNotTimeOut() {
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR), new CaptureHold(ID, HOLD, null))
                .whenThenTimeElapses(Duration.ofHours(1))
                .expectNoEvents();
    }

    @Test
    void capturingAReleasedHoldIsRefused() { // capture or release, not both
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR), new ReleaseHold(ID, HOLD))
                .when(new CaptureHold(ID, HOLD, null))
                .expectException(refused(CONFLICT, "hold-not-pending"))
                .expectNoEvents();
    }

    @Test
    void capturingAnExpiredHoldIsRefused() { // a hold times out and releases by itself
        fixture.givenCurrentTime(NOW)
                .andGiven(opened(PANEL), granted(purchased("lot_pack", CHARGE, 100)),
                        placed(40, List.of(take("lot_pack", 40)), IN_AN_HOUR),
                        new HoldReleased(ID, PANEL, HOLD, List.of(take("lot_pack", 40)), true, IN_AN_HOUR))
                .when(new CaptureHold(ID, HOLD, null))
                .expectException(refused(CONFLICT, "hold-not-pending"))
                .expectNoEvents();
    }

    @Test
    void capturingTwiceChangesNothing() {
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR), new CaptureHold(ID, HOLD, 10L))
                .when(new CaptureHold(ID, HOLD, 10L))
                .expectNoEvents()
                .expectResultMessagePayload(HoldStatus.CAPTURED);
    }

    @Test
    void releasingACapturedHoldIsRefused() {
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR), new CaptureHold(ID, HOLD, null))
                .when(new ReleaseHold(ID, HOLD))
                .expectException(refused(CONFLICT, "hold-not-pending"))
                .expectNoEvents();
    }

    @Test
    void releasingTwiceChangesNothing() {
        ledger(purchased("lot_pack", CHARGE, 100), hold(40, IN_AN_HOUR), new ReleaseHold(ID, HOLD))
                .when(new ReleaseHold(ID, HOLD))
                .expectNoEvents()
                .expectResultMessagePayload(HoldStatus.RELEASED);
    }

    @Test
    void unknownHoldIsNotFound() {
        ledger(purchased("lot_pack", CHARGE, 100))
                .when(new CaptureHold(ID, HOLD, null))
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }

    @Test
    void heldCreditsOfALotThatExpiredMeanwhileExpireWhenReleased() { // expiry is an entry
        ledger(trial("lot_trial", SUB, 30, TOMORROW), hold(10, IN_A_WEEK))
                .whenThenTimeAdvancesTo(IN_A_WEEK)
                .expectEvents(removed("lot_trial", LotSource.TRIAL, 20, RemovalKind.EXPIRED, null, TOMORROW),
                        new HoldReleased(ID, PANEL, HOLD, List.of(take("lot_trial", 10)), true, IN_A_WEEK),
                        removed("lot_trial", LotSource.TRIAL, 10, RemovalKind.EXPIRED, "returned after EXPIRED",
                                IN_A_WEEK));
    }

    @Test
    void lotHeldInFullWhenItExpiresExpiresWhenReleased() { // expiry is an entry
        ledger(trial("lot_trial", SUB, 20, TOMORROW), hold(20, IN_A_WEEK))
                .whenThenTimeAdvancesTo(IN_A_WEEK)
                .expectEvents(new HoldReleased(ID, PANEL, HOLD, List.of(take("lot_trial", 20)), true, IN_A_WEEK),
                        removed("lot_trial", LotSource.TRIAL, 20, RemovalKind.EXPIRED, null, IN_A_WEEK));
    }

    @Test
    void captureReportsTheBalanceWithoutCreditsGivenBackToAnExpiredLot() { // expiry is an entry
        Instant later = TOMORROW.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(NOW)
                .andGiven(opened(PANEL), granted(trial("lot_trial", SUB, 40, TOMORROW)),
                        granted(purchased("lot_pack", CHARGE, 100)),
                        placed(30, List.of(take("lot_trial", 30)), IN_A_WEEK),
                        removed("lot_trial", LotSource.TRIAL, 10, RemovalKind.EXPIRED, null, TOMORROW))
                .andGivenCurrentTime(later)
                .when(new CaptureHold(ID, HOLD, 10L))
                .expectEvents(new HoldCaptured(ID, PANEL, HOLD, "job/hold", 10, List.of(take("lot_trial", 10)),
                                List.of(take("lot_trial", 20)), 100, later),
                        removed("lot_trial", LotSource.TRIAL, 20, RemovalKind.EXPIRED, "returned after EXPIRED",
                                later));
    }

    // --- forfeit, clawback and void: entries, never edits

    @Test
    // final-sale-duplicates-refunded §3.1, §3.3
    void forfeitTakesWhatIsLeftOfTheSubscriptionsAllowanceAndTrialCredits() {
        ledger(allowance("lot_allowance", SUB, 100), trial("lot_trial", SUB, 20, IN_A_MONTH),
                allowance("lot_other_allowance", OTHER_SUB, 50), purchased("lot_pack", CHARGE, 200),
                consume("c1", 10))
                .when(new ForfeitAllowance(ID, SUB, "CANCELLED"))
                .expectEvents(removed("lot_allowance", LotSource.SUBSCRIPTION_ALLOWANCE, 100, RemovalKind.FORFEITED,
                                "CANCELLED", NOW),
                        removed("lot_trial", LotSource.TRIAL, 10, RemovalKind.FORFEITED, "CANCELLED", NOW));
    }

    @Test
    void purchasedCreditsAndOtherSubscriptionsAllowancesSurviveAForfeit() { // final-sale-duplicates-refunded §3.2
        ledger(allowance("lot_allowance", SUB, 100), allowance("lot_other_allowance", OTHER_SUB, 50),
                purchased("lot_pack", CHARGE, 200), new ForfeitAllowance(ID, SUB, "CANCELLED"))
                .when(consume("c1", 250))
                .expectEvents(consumed("c1", 250, List.of(take("lot_other_allowance", 50), take("lot_pack", 200)), 0,
                        0));
    }

    @Test
    void forfeitingTwiceChangesNothing() { // final-sale-duplicates-refunded §3.1
        ledger(allowance("lot_allowance", SUB, 100), new ForfeitAllowance(ID, SUB, "CANCELLED"))
                .when(new ForfeitAllowance(ID, SUB, "EXPIRED"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void heldCreditsReleasedToALotClosedMeanwhileGoTheWayOfTheLot(String why, GrantLot lot, long held, Object closing,
                                                                  RemovalKind kind) { // entries
        ledger(lot, hold(held, IN_AN_HOUR), closing)
                .when(new ReleaseHold(ID, HOLD))
                .expectEvents(new HoldReleased(ID, PANEL, HOLD, List.of(new Allocation(lot.lotId(), held)), false, NOW),
                        new LotRemoved(ID, PANEL, new LotAmount(lot.lotId(), CreditUnit.CREDIT, lot.source(), held),
                                kind, "returned after " + kind, NOW));
    }

    static Stream<Arguments> heldCreditsReleasedToALotClosedMeanwhileGoTheWayOfTheLot() {
        ForfeitAllowance forfeit = new ForfeitAllowance(ID, SUB, "CANCELLED");
        ClawBackCredits clawback = new ClawBackCredits(ID, CHARGE, "dp_1");
        return Stream.of(
                Arguments.of("allowance partly held when forfeited (final-sale-duplicates-refunded §3.1)",
                        allowance("lot_allowance", SUB, 100), 30, forfeit, RemovalKind.FORFEITED),
                Arguments.of("allowance held in full when forfeited (final-sale-duplicates-refunded §3.1)",
                        allowance("lot_allowance", SUB, 100), 100, forfeit, RemovalKind.FORFEITED),
                Arguments.of("purchase partly held when clawed back (dispute lost)",
                        purchased("lot_pack", CHARGE, 100), 30, clawback, RemovalKind.CLAWED_BACK),
                Arguments.of("purchase held in full when clawed back (dispute lost)",
                        purchased("lot_pack", CHARGE, 100), 100, clawback, RemovalKind.CLAWED_BACK),
                Arguments.of("goodwill partly held when voided (final-sale-reseller §8)",
                        credits("lot_goodwill", LotSource.GOODWILL, 100, null), 30,
                        new VoidLot(ID, LotId.of("lot_goodwill"), "granted twice"), RemovalKind.VOIDED));
    }

    @Test
    void forfeitOfAnAllowanceHeldInFullClosesItWithNothingLeft() { // final-sale-duplicates-refunded §3.1
        ledger(allowance("lot_used", SUB, 20), allowance("lot_allowance", SUB, 100), consume("c1", 20),
                hold(100, IN_AN_HOUR))
                .when(new ForfeitAllowance(ID, SUB, "CANCELLED"))
                .expectEvents(removed("lot_allowance", LotSource.SUBSCRIPTION_ALLOWANCE, 0, RemovalKind.FORFEITED,
                        "CANCELLED", NOW));
    }

    @Test
    void clawbackTakesBackWhatIsLeftOfEverythingBoughtWithTheCharge() { // saga 3: dispute lost
        ledger(purchased("lot_pack", CHARGE, 300), purchased("lot_other_pack", OTHER_CHARGE, 100),
                cash("lot_cash", CHARGE, 500), consume("c1", 50))
                .when(new ClawBackCredits(ID, CHARGE, "dp_1"))
                .expectEvents(removed("lot_pack", LotSource.PURCHASED, 250, RemovalKind.CLAWED_BACK, "dp_1", NOW),
                        new LotRemoved(ID, PANEL, new LotAmount(LotId.of("lot_cash"), EUR, LotSource.REFUND_BALANCE,
                                500), RemovalKind.CLAWED_BACK, "dp_1", NOW),
                        cashBalance(0, 2, NOW));
    }

    @Test
    void cashSpentOnAChargeWhenClawedBackIsClawedBackWhenRestored() { // saga 3: dispute lost
        ledger(cash("lot_cash", CHARGE, 500), new ApplyCashBalance(ID, NEW_CHARGE, eur(500)),
                new ClawBackCredits(ID, CHARGE, "dp_1"))
                .when(new RestoreCashBalance(ID, NEW_CHARGE))
                .expectEvents(new CashBalanceRestored(ID, PANEL, NEW_CHARGE, eur(500), List.of(take("lot_cash", 500)),
                                NOW),
                        new LotRemoved(ID, PANEL, new LotAmount(LotId.of("lot_cash"), EUR, LotSource.REFUND_BALANCE,
                                500), RemovalKind.CLAWED_BACK, "returned after CLAWED_BACK", NOW),
                        cashBalance(0, 3, NOW));
    }

    @Test
    void cashInAWithdrawalWhenClawedBackIsClawedBackWhenItsRefundFails() { // saga 3: dispute lost
        ledger(cash("lot_cash", CHARGE, 500), new WithdrawCashBalance(ID, "wd_1", eur(500)),
                new ClawBackCredits(ID, CHARGE, "dp_1"))
                .when(new RecordWithdrawalRefund(ID, refundId("lot_cash"), "refund_failed"))
                .expectEvents(new WithdrawalRefundFailed(ID, PANEL, "wd_1", refundId("lot_cash"),
                                take("lot_cash", 500), eur(500), "refund_failed", NOW),
                        new LotRemoved(ID, PANEL, new LotAmount(LotId.of("lot_cash"), EUR, LotSource.REFUND_BALANCE,
                                500), RemovalKind.CLAWED_BACK, "returned after CLAWED_BACK", NOW),
                        cashBalance(0, 3, NOW),
                        new CashWithdrawalSettled(ID, PANEL, "wd_1", eur(0), eur(500), "refund_failed", NOW));
    }

    @Test
    void voidRemovesWhatIsLeftOfALotGrantedByMistake() { // final-sale-reseller §8: a correction is an entry
        ledger(credits("lot_goodwill", LotSource.GOODWILL, 40, null), consume("c1", 15))
                .when(new VoidLot(ID, LotId.of("lot_goodwill"), "granted twice"))
                .expectEvents(removed("lot_goodwill", LotSource.GOODWILL, 25, RemovalKind.VOIDED, "granted twice",
                        NOW));
    }

    @Test
    void voidingCashLowersTheCashBalance() { // final-sale-reseller §8
        ledger(cash("lot_cash", CHARGE, 500))
                .when(new VoidLot(ID, LotId.of("lot_cash"), "wrong account"))
                .expectEvents(new LotRemoved(ID, PANEL, new LotAmount(LotId.of("lot_cash"), EUR,
                        LotSource.REFUND_BALANCE, 500), RemovalKind.VOIDED, "wrong account", NOW),
                        cashBalance(0, 2, NOW));
    }

    @Test
    void voidingALotWithNothingLeftIsRefused() {
        ledger(credits("lot_goodwill", LotSource.GOODWILL, 40, null), consume("c1", 40))
                .when(new VoidLot(ID, LotId.of("lot_goodwill"), "granted twice"))
                .expectException(refused(CONFLICT, "nothing-to-void"))
                .expectNoEvents();
    }

    @Test
    void voidingAVoidedLotIsRefused() {
        ledger(credits("lot_goodwill", LotSource.GOODWILL, 40, null),
                new VoidLot(ID, LotId.of("lot_goodwill"), "granted twice"))
                .when(new VoidLot(ID, LotId.of("lot_goodwill"), "granted twice"))
                .expectException(refused(CONFLICT, "nothing-to-void"))
                .expectNoEvents();
    }

    @Test
    void voidingAnUnknownLotIsNotFound() {
        ledger().when(new VoidLot(ID, LotId.of("lot_unknown"), "typo"))
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }

    // --- freezes (while the account is suspended by a dispute; final-sale-reseller §9)

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void frozenLedgerRefusesToMoveCredits(String what, Object command) { // freeze
        ledger(purchased("lot_pack", CHARGE, 100), cash("lot_cash", CHARGE, 500), hold(10, IN_AN_HOUR),
                freeze("dp_1"))
                .when(command)
                .expectException(refused(LOCKED, "ledger-frozen"))
                .expectNoEvents();
    }

    static Stream<Arguments> frozenLedgerRefusesToMoveCredits() {
        return Stream.of(Arguments.of("consumption", consume("c1", 10)),
                Arguments.of("new hold", new PlaceHold(ID, "op/other", HoldId.of("hold_2"), 10, "job", IN_AN_HOUR)),
                Arguments.of("capture", new CaptureHold(ID, HOLD, null)),
                Arguments.of("transfer", new TransferCredits(ID, "tr_1", SUB_RESELLER, 10)),
                Arguments.of("withdrawal", new WithdrawCashBalance(ID, "wd_1", eur(100))));
    }

    @Test
    void freezeIsRecorded() { // freeze
        ledger().when(freeze("dp_1"))
                .expectEvents(new LedgerFrozen(ID, PANEL, "DISPUTE", "dp_1", false, NOW));
    }

    @Test
    void sameFreezeTwiceIsRecordedOnce() {
        ledger(freeze("dp_1")).when(freeze("dp_1")).expectNoEvents();
    }

    @Test
    void secondFreezeNotesTheLedgerWasFrozenAlready() {
        ledger(freeze("dp_1")).when(freeze("dp_2"))
                .expectEvents(new LedgerFrozen(ID, PANEL, "DISPUTE", "dp_2", true, NOW));
    }

    @Test
    void liftingOneOfTwoFreezesLeavesTheLedgerFrozen() { // reinstated only when every hold is lifted
        ledger(freeze("dp_1"), freeze("dp_2"))
                .when(unfreeze("dp_1"))
                .expectEvents(new LedgerUnfrozen(ID, PANEL, "DISPUTE", "dp_1", true, NOW));
    }

    @Test
    void ledgerWithOneFreezeLeftStillRefusesConsumption() {
        ledger(purchased("lot_pack", CHARGE, 100), freeze("dp_1"), freeze("dp_2"), unfreeze("dp_1"))
                .when(consume("c1", 10))
                .expectException(refused(LOCKED, "ledger-frozen"));
    }

    @Test
    void liftingEveryFreezeLetsCreditsMoveAgainWithBalancesKept() { // balances are kept
        ledger(purchased("lot_pack", CHARGE, 100), freeze("dp_1"), freeze("dp_2"), unfreeze("dp_1"),
                unfreeze("dp_2"))
                .when(consume("c1", 100))
                .expectEvents(consumed("c1", 100, List.of(take("lot_pack", 100)), 0, 0));
    }

    @Test
    void liftingAFreezeThatIsNotThereChangesNothing() {
        ledger(freeze("dp_1")).when(unfreeze("dp_2")).expectNoEvents();
    }

    // --- transfers (final-sale-reseller §5)

    @Test
    void transferTakesCreditsInConsumptionOrderAndExpiresWithTheSoonestOfThem() { // final-sale-reseller §5
        ledger(purchased("lot_pack", CHARGE, 100), credits("lot_service", LotSource.SERVICE_CREDIT, 50, IN_A_MONTH),
                trial("lot_trial", SUB, 20, IN_A_WEEK))
                .when(new TransferCredits(ID, "tr_1", SUB_RESELLER, 60))
                .expectEvents(new CreditsTransferred(ID, PANEL, "tr_1", SUB_RESELLER, 60,
                        List.of(take("lot_trial", 20), take("lot_service", 40)), IN_A_WEEK, NOW));
    }

    @Test
    void creditsThatNeverExpireAreTransferredWithoutExpiry() { // final-sale-reseller §5
        ledger(purchased("lot_pack", CHARGE, 100))
                .when(new TransferCredits(ID, "tr_1", SUB_RESELLER, 30))
                .expectEvents(new CreditsTransferred(ID, PANEL, "tr_1", SUB_RESELLER, 30,
                        List.of(take("lot_pack", 30)), null, NOW));
    }

    @Test
    void transferToItselfIsRefused() {
        ledger(purchased("lot_pack", CHARGE, 100))
                .when(new TransferCredits(ID, "tr_1", ID, 30))
                .expectException(refused(REFUSED, "transfer-to-self"))
                .expectNoEvents();
    }

    @Test
    void transferBeyondTheUsableCreditsIsRefused() {
        ledger(purchased("lot_pack", CHARGE, 100), hold(80, IN_AN_HOUR))
                .when(new TransferCredits(ID, "tr_1", SUB_RESELLER, 30))
                .expectException(refused(CONFLICT, "insufficient-credits"))
                .expectNoEvents();
    }

    @Test
    void repeatedTransferIsAppliedOnce() {
        ledger(purchased("lot_pack", CHARGE, 100), new TransferCredits(ID, "tr_1", SUB_RESELLER, 30))
                .when(new TransferCredits(ID, "tr_1", SUB_RESELLER, 30))
                .expectNoEvents();
    }

    // --- reseller tiers by lifetime purchased credits (final-sale-reseller §5)

    @Test
    void purchasesBelowTheFirstThresholdLeaveNoTier() { // final-sale-reseller §5
        GrantLot pack = purchased("lot_pack", CHARGE, 600);
        ledger().when(pack).expectEvents(granted(pack));
    }

    @Test
    void reachingAThresholdChangesTheTier() { // final-sale-reseller §5: tiers unlock sub-reseller creation
        GrantLot pack = purchased("lot_second", OTHER_CHARGE, 400);
        ledger(purchased("lot_first", CHARGE, 600))
                .when(pack)
                .expectEvents(granted(pack), new TierChanged(ID, PANEL, "silver", 1000, NOW, false));
    }

    @Test
    void tierCountsLifetimePurchasesNotTheBalance() { // final-sale-reseller §5: lifetime purchased credits
        GrantLot pack = purchased("lot_second", OTHER_CHARGE, 100);
        ledger(purchased("lot_first", CHARGE, 900), consume("c1", 900))
                .when(pack)
                .expectEvents(granted(pack), new TierChanged(ID, PANEL, "silver", 1000, NOW, false));
    }

    @Test
    void onlyPurchasedCreditsCountTowardsTheTier() { // final-sale-reseller §5
        GrantLot pack = purchased("lot_second", OTHER_CHARGE, 50);
        ledger(purchased("lot_first", CHARGE, 900), credits("lot_goodwill", LotSource.GOODWILL, 500, null))
                .when(pack)
                .expectEvents(granted(pack));
    }

    @Test
    void largePurchaseCanSkipATier() { // final-sale-reseller §5
        GrantLot pack = purchased("lot_pack", CHARGE, 5000);
        ledger().when(pack).expectEvents(granted(pack), new TierChanged(ID, PANEL, "gold", 5000, NOW, true));
    }

    @Test
    void reachedTierIsNotAnnouncedAgain() { // final-sale-reseller §5
        GrantLot pack = purchased("lot_second", OTHER_CHARGE, 100);
        ledger(purchased("lot_first", CHARGE, 1000)).when(pack).expectEvents(granted(pack));
    }

    @Test
    void tenantWithoutTiersHasNone() { // final-sale-reseller §5: thresholds are the tenant's
        GrantLot pack = purchased("lot_pack", CHARGE, 10_000);
        ledgerOf(STUDIO).when(pack).expectEvents(granted(pack, STUDIO));
    }

    // --- cash balance (REFUND_BALANCE; cooling-off-prorata)

    @ParameterizedTest(name = "balance {0} pays {1} of 1000, leaves {2}")
    @CsvSource({"600, 600, 0", "1500, 1000, 500"})
    void cashBalancePaysWhatItCanOfANewCharge(long balance, long applied, long left) { // cash first
        ledger(cash("lot_cash", CHARGE, balance))
                .when(new ApplyCashBalance(ID, NEW_CHARGE, eur(1000)))
                .expectEvents(new CashBalanceApplied(ID, PANEL, NEW_CHARGE, eur(1000), eur(applied),
                        List.of(take("lot_cash", applied)), NOW), cashBalance(left, 2, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void chargeIsAnsweredWithNothingAppliedWhenNoCashBalanceCanPay(String why, Object[] given) { // freeze
        ledger(given)
                .when(new ApplyCashBalance(ID, NEW_CHARGE, eur(1000)))
                .expectEvents(new CashBalanceApplied(ID, PANEL, NEW_CHARGE, eur(1000), eur(0), List.of(), NOW));
    }

    static Stream<Arguments> chargeIsAnsweredWithNothingAppliedWhenNoCashBalanceCanPay() {
        return Stream.of(Arguments.of("no cash balance", new Object[] {purchased("lot_pack", CHARGE, 100)}),
                Arguments.of("frozen ledger", new Object[] {cash("lot_cash", CHARGE, 600), freeze("dp_1")}));
    }

    @Test
    void cashBalanceIsAppliedOncePerCharge() {
        ledger(cash("lot_cash", CHARGE, 600), new ApplyCashBalance(ID, NEW_CHARGE, eur(100)))
                .when(new ApplyCashBalance(ID, NEW_CHARGE, eur(100)))
                .expectNoEvents();
    }

    @Test
    void failedChargeGivesTheAppliedBalanceBack() {
        ledger(cash("lot_cash", CHARGE, 600), new ApplyCashBalance(ID, NEW_CHARGE, eur(1000)))
                .when(new RestoreCashBalance(ID, NEW_CHARGE))
                .expectEvents(new CashBalanceRestored(ID, PANEL, NEW_CHARGE, eur(600), List.of(take("lot_cash", 600)),
                        NOW), cashBalance(600, 3, NOW));
    }

    @Test
    void appliedBalanceIsGivenBackOnce() {
        ledger(cash("lot_cash", CHARGE, 600), new ApplyCashBalance(ID, NEW_CHARGE, eur(1000)),
                new RestoreCashBalance(ID, NEW_CHARGE))
                .when(new RestoreCashBalance(ID, NEW_CHARGE))
                .expectNoEvents();
    }

    @Test
    void chargeThatTookNoBalanceHasNothingToGiveBack() {
        ledger(new ApplyCashBalance(ID, NEW_CHARGE, eur(1000)))
                .when(new RestoreCashBalance(ID, NEW_CHARGE))
                .expectNoEvents();
    }

    @Test
    void withdrawalRefundsEachPartOnTheChargeItsLotCameFrom() { // cooling-off-prorata: balance withdrawable
        ledger(cash("lot_cash_a", CHARGE, 300), cash("lot_cash_b", null, 200), cash("lot_cash_c", OTHER_CHARGE, 500))
                .when(new WithdrawCashBalance(ID, "wd_1", eur(600)))
                .expectEvents(new CashWithdrawalStarted(ID, PANEL, "wd_1", eur(600), NOW),
                        refundRequested("lot_cash_a", CHARGE, 300),
                        refundRequested("lot_cash_c", OTHER_CHARGE, 300),
                        cashBalance(400, 4, NOW));
    }

    @Test
    void withdrawalBeyondTheCashThatKnowsItsChargeIsRefused() { // cooling-off-prorata: to the original payment method
        ledger(cash("lot_cash_a", CHARGE, 300), cash("lot_cash_b", null, 200), cash("lot_cash_c", OTHER_CHARGE, 500))
                .when(new WithdrawCashBalance(ID, "wd_1", eur(900)))
                .expectException(refused(CONFLICT, "insufficient-balance"))
                .expectNoEvents();
    }

    @Test
    void nonPositiveWithdrawalIsRefused() {
        ledger(cash("lot_cash_a", CHARGE, 300))
                .when(new WithdrawCashBalance(ID, "wd_1", eur(0)))
                .expectException(refused(REFUSED, "invalid-amount"))
                .expectNoEvents();
    }

    @Test
    void repeatedWithdrawalDoesNothing() {
        ledger(cash("lot_cash_a", CHARGE, 300), new WithdrawCashBalance(ID, "wd_1", eur(100)))
                .when(new WithdrawCashBalance(ID, "wd_1", eur(100)))
                .expectNoEvents();
    }

    @Test
    void paidPartWaitsForTheOtherParts() { // cooling-off-prorata
        ledger(withdrawalOfTwoParts())
                .when(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), null))
                .expectEvents(new WithdrawalRefundPaid(ID, PANEL, "wd_1", refundId("lot_cash_a"), eur(300), NOW));
    }

    @Test
    void failedPartComesBackAndTheWithdrawalSettlesWhenEveryPartIsAnswered() { // cooling-off-prorata
        ledger(withdrawalOfTwoParts(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), null)))
                .when(new RecordWithdrawalRefund(ID, refundId("lot_cash_c"), "refund_failed"))
                .expectEvents(new WithdrawalRefundFailed(ID, PANEL, "wd_1", refundId("lot_cash_c"),
                                take("lot_cash_c", 300), eur(300), "refund_failed", NOW),
                        cashBalance(700, 5, NOW),
                        new CashWithdrawalSettled(ID, PANEL, "wd_1", eur(300), eur(300), "refund_failed", NOW));
    }

    @Test
    void withdrawalPaidInFullSettles() { // cooling-off-prorata
        ledger(withdrawalOfTwoParts(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), null)))
                .when(new RecordWithdrawalRefund(ID, refundId("lot_cash_c"), null))
                .expectEvents(new WithdrawalRefundPaid(ID, PANEL, "wd_1", refundId("lot_cash_c"), eur(300), NOW),
                        new CashWithdrawalSettled(ID, PANEL, "wd_1", eur(600), eur(0), null, NOW));
    }

    @Test
    void aPaidPartWhoseRefundTheProcessorReversedComesBackOnce() { // the customer never got it
        Object[] paidInFull = withdrawalOfTwoParts(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), null),
                new RecordWithdrawalRefund(ID, refundId("lot_cash_c"), null));
        ledger(paidInFull)
                .when(new RecordWithdrawalRefundReversal(ID, refundId("lot_cash_c"), "expired_or_canceled_card"))
                .expectEvents(new WithdrawalRefundReversed(ID, PANEL, "wd_1", refundId("lot_cash_c"),
                                take("lot_cash_c", 300), eur(300), "expired_or_canceled_card", NOW),
                        cashBalance(700, 5, NOW));
        ledger(Stream.concat(Stream.of(paidInFull), Stream.of(new RecordWithdrawalRefundReversal(ID,
                        refundId("lot_cash_c"), "expired_or_canceled_card"))).toArray())
                .when(new RecordWithdrawalRefundReversal(ID, refundId("lot_cash_c"), "expired_or_canceled_card"))
                .expectNoEvents();
    }

    @Test
    void aReversalOfAPartNotPaidOrNotOursChangesNothing() {
        ledger(withdrawalOfTwoParts())
                .when(new RecordWithdrawalRefundReversal(ID, refundId("lot_cash_c"), "failed"))
                .expectNoEvents();
        ledger(withdrawalOfTwoParts(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), null)))
                .when(new RecordWithdrawalRefundReversal(ID, "re_of_a_refund_case", "failed"))
                .expectNoEvents();
    }

    @Test
    void repeatedOrForeignRefundAnswerChangesNothing() {
        ledger(withdrawalOfTwoParts(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), null)))
                .when(new RecordWithdrawalRefund(ID, refundId("lot_cash_a"), "refund_failed"))
                .expectNoEvents();
    }

    // --- givens

    private TestExecutor<CreditLedger> ledger(Object... commands) {
        return ledgerOf(PANEL, commands);
    }

    private TestExecutor<CreditLedger> ledgerOf(String tenant, Object... commands) {
        return fixture.givenCurrentTime(NOW).andGiven(opened(tenant)).andGivenCommands(commands);
    }

    /** Cash of 300 from CHARGE, 200 that knows no charge and 500 from OTHER_CHARGE; 600 withdrawn. */
    private static Object[] withdrawalOfTwoParts(Object... then) {
        return Stream.concat(Stream.of(cash("lot_cash_a", CHARGE, 300), cash("lot_cash_b", null, 200),
                cash("lot_cash_c", OTHER_CHARGE, 500), new WithdrawCashBalance(ID, "wd_1", eur(600))),
                Stream.of(then)).toArray();
    }

    // --- commands

    private static GrantLot credits(String lot, LotSource source, long amount, Instant expiresAt) {
        return new GrantLot(ID, "grant/" + lot, LotId.of(lot), CreditUnit.CREDIT, source, amount, expiresAt,
                "ref/" + lot, null, null);
    }

    private static GrantLot purchased(String lot, String charge, long amount) {
        return new GrantLot(ID, "grant/" + lot, LotId.of(lot), CreditUnit.CREDIT, LotSource.PURCHASED, amount, null,
                "ref/" + lot, charge, null);
    }

    private static GrantLot allowance(String lot, String subscription, long amount) {
        return new GrantLot(ID, "grant/" + lot, LotId.of(lot), CreditUnit.CREDIT, LotSource.SUBSCRIPTION_ALLOWANCE,
                amount, null, "ref/" + lot, null, subscription);
    }

    private static GrantLot trial(String lot, String subscription, long amount, Instant expiresAt) {
        return new GrantLot(ID, "grant/" + lot, LotId.of(lot), CreditUnit.CREDIT, LotSource.TRIAL, amount, expiresAt,
                "ref/" + lot, null, subscription);
    }

    private static GrantLot cash(String lot, String charge, long amount) {
        return new GrantLot(ID, "grant/" + lot, LotId.of(lot), EUR, LotSource.REFUND_BALANCE, amount, null,
                "ref/" + lot, charge, null);
    }

    private static ConsumeCredits consume(String operation, long amount) {
        return new ConsumeCredits(ID, operation, "cons/" + operation, amount, "job/" + operation);
    }

    private static PlaceHold hold(long amount, Instant expiresAt) {
        return new PlaceHold(ID, "op/hold", HOLD, amount, "job/hold", expiresAt);
    }

    private static FreezeLedger freeze(String dispute) {
        return new FreezeLedger(ID, "DISPUTE", dispute);
    }

    private static UnfreezeLedger unfreeze(String dispute) {
        return new UnfreezeLedger(ID, "DISPUTE", dispute);
    }

    // --- events

    private static LedgerOpened opened(String tenant) {
        return new LedgerOpened(ID, tenant, null, NOW, "CUSTOMER");
    }

    private static LotGranted granted(GrantLot grant) {
        return granted(grant, PANEL);
    }

    private static LotGranted granted(GrantLot grant, String tenant) {
        return new LotGranted(ID, tenant, grant.operationId(), new LotAmount(grant.lotId(), grant.unit(),
                grant.source(), grant.amount()), grant.expiresAt(), new LotOrigin(grant.reference(), grant.chargeId(),
                grant.subscriptionId()), NOW);
    }

    private static CreditsConsumed consumed(String operation, long amount, List<Allocation> allocations,
                                            long overdrawn, long balanceAfter) {
        return consumed(operation, amount, allocations, overdrawn, balanceAfter, NOW);
    }

    private static CreditsConsumed consumed(String operation, long amount, List<Allocation> allocations,
                                            long overdrawn, long balanceAfter, Instant at) {
        return new CreditsConsumed(ID, PANEL, operation, "cons/" + operation, "job/" + operation, amount,
                new Coverage(allocations, overdrawn, balanceAfter), at);
    }

    private static HoldPlaced placed(long amount, List<Allocation> allocations, Instant expiresAt) {
        return new HoldPlaced(ID, PANEL, "op/hold", HOLD, "job/hold", amount, allocations, expiresAt, NOW);
    }

    private static LotRemoved removed(String lot, LotSource source, long amount, RemovalKind kind, String reference,
                                      Instant at) {
        return new LotRemoved(ID, PANEL, new LotAmount(LotId.of(lot), CreditUnit.CREDIT, source, amount), kind,
                reference, at);
    }

    private static CashBalanceChanged cashBalance(long amount, long version, Instant at) {
        return new CashBalanceChanged(ID, PANEL, eur(amount), version, at);
    }

    private static WithdrawalRefundRequested refundRequested(String lot, String charge, long amount) {
        return new WithdrawalRefundRequested(ID, PANEL, "wd_1", refundId(lot), charge, take(lot, amount), eur(amount),
                NOW);
    }

    /** Each withdrawal part's refund id is derived, so a redelivered withdrawal asks for the same refunds. */
    private static String refundId(String lot) {
        return Ids.derive(IdPrefix.REFUND, "wd_1/" + lot);
    }

    private static Allocation take(String lot, long amount) {
        return new Allocation(LotId.of(lot), amount);
    }

    private static Money eur(long amount) {
        return Money.of(amount, "EUR");
    }
}
