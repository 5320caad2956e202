package dev.fairbill.billing.charge;

import static dev.fairbill.platform.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeCommands.FlagChargeDuplicate;
import dev.fairbill.billing.charge.ChargeCommands.RecordCaptureOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDispute;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefund;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefundFailure;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundAccepted;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundToBalance;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.charge.ChargeCommands.SettleChargeFromBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptureRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeRecorded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDoublePaidOut;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFlaggedDuplicate;
import dev.fairbill.billing.charge.ChargeEvents.ChargeProcessorRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundAccepted;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundReversed;
import dev.fairbill.billing.charge.ChargeEvents.RefundSplit;
import dev.fairbill.billing.charge.ChargeEvents.RefundedAmounts;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundedToBalance;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/**
 * The Charge aggregate: capture from cash balance first and through the processor (asked for, then answered),
 * refunds (reserved, then answered), disputes and the money invariant.
 */
class ChargeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final Instant DUE_BY = Instant.parse("2026-12-02T00:00:00Z");
    private static final ChargeId ID = ChargeId.of("ch_0000000000000000000000000C");
    private static final ChargeId ORIGINAL = ChargeId.of("ch_0000000000000000000000000O");
    private static final AccountId ACCOUNT = AccountId.of("acct_0000000000000000000000000A");
    private static final DisputeId DISPUTE = DisputeId.of("dp_0000000000000000000000000D");
    private static final Money EUR_1000 = Money.of(1000, "EUR");

    private static final String PROCESSOR_CHARGE_ID = "ch_sandbox_test";

    private AggregateTestFixture<Charge> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Charge.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aChargeAsksTheProcessorToCaptureItAndWaitsForTheAnswer() {
        // the aggregate never calls the processor itself: it records the request, a process makes the call
        fixture.givenNoPriorActivity()
                .when(capture("pm_card_ok"))
                .expectEvents(captureRequested("pm_card_ok", 0));
    }

    @Test
    void okCardIsCaptured() {
        fixture.given(captureRequested("pm_card_ok", 0))
                .when(capturedByProcessor())
                .expectEvents(captured("pm_card_ok"));
    }

    @Test
    void declinedCardFailsWithTheProcessorsCode() {
        fixture.given(captureRequested("pm_card_declined", 0))
                .when(declinedByProcessor("card_declined"))
                .expectEvents(failed("pm_card_declined", "card_declined", 0));
    }

    @Test
    void repeatedCaptureAnswerChangesNothing() {
        // the process reports again after a crash between its call and the answer: the first answer stands
        fixture.given(captureRequested("pm_card_ok", 0), captured("pm_card_ok"))
                .when(declinedByProcessor("card_declined"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void chargeOfAnAccountWithCashBalanceAsksTheLedgerFirstAndWaits() {
        // next charges use cash balance first (ADR 0010)
        fixture.givenNoPriorActivity()
                .when(capture("pm_card_ok").withBalanceFirst(true))
                .expectEvents(awaitingBalance("pm_card_ok"));
    }

    @Test
    void cashBalanceThatPaysTheWholeChargeCapturesItWithoutTheProcessor() {
        // next charges use cash balance first
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(1000))
                .expectEvents(new ChargeCaptured(terms("pm_card_ok"), Charge.BALANCE, null, NOW,
                        EUR_1000));
    }

    @Test
    void cashBalanceThatPaysPartOfTheChargeLeavesTheRestToTheProcessor() {
        // cash balance first, the payment method pays the rest
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(300))
                .expectEvents(captureRequested("pm_card_ok", 300));
        assertThat(captureRequested("pm_card_ok", 300).toCapture()).isEqualTo(Money.of(700, "EUR"));
        fixture.given(awaitingBalance("pm_card_ok"), captureRequested("pm_card_ok", 300))
                .when(capturedByProcessor())
                .expectEvents(captured("pm_card_ok", 300));
    }

    @Test
    void noCashBalanceAppliedLeavesTheWholeChargeToTheProcessor() {
        // the ledger's balance was gone when the request arrived: billing's view is only eventually consistent
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(0))
                .expectEvents(captureRequested("pm_card_ok", 0));
    }

    @Test
    void repeatedLedgerAnswerChangesNothing() {
        fixture.given(awaitingBalance("pm_card_ok"), captureRequested("pm_card_ok", 300))
                .when(settle(300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(awaitingBalance("pm_card_ok"), captureRequested("pm_card_ok", 300), captured("pm_card_ok", 300))
                .when(settle(300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ledgerAnswerForAChargeThatNeverAskedChangesNothing() {
        fixture.given(captureRequested("pm_card_ok", 0), captured("pm_card_ok"))
                .when(settle(300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void declinedRestFailsTheChargeAndNamesTheBalanceToGiveBack() {
        // the ledger restores the applied balance when it sees the failure (ADR 0010)
        fixture.given(awaitingBalance("pm_card_declined"), captureRequested("pm_card_declined", 300))
                .when(declinedByProcessor("card_declined"))
                .expectEvents(failed("pm_card_declined", "card_declined", 300));
    }

    @Test
    void ledgerAnswerAboveTheChargeIsRefused() {
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(1001))
                .expectException(refused("balance-exceeds-charge"))
                .expectNoEvents();
    }

    @Test
    void ledgerAnswerForAnotherTenantFindsNoCharge() {
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(new SettleChargeFromBalance(ID, "panel", ACCOUNT, Money.of(300, "EUR")))
                .expectException(refused(Kind.NOT_FOUND, "not-found"))
                .expectNoEvents();
    }

    @Test
    void chargeAwaitingTheLedgerIsNotRefunded() {
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-not-captured"));
    }

    @Test
    void chargeAwaitingTheProcessorIsNotRefunded() {
        fixture.given(captureRequested("pm_card_ok", 0))
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-not-captured"));
    }

    @Test
    void aRefundGoesToTheCardUpToWhatItPaidAndTheRestBackToTheBalance() {
        // card-refundable = amount − paid from balance − refunded to the card − lost; the rest came from the balance
        var requested = refundRequested("re_2", 501, 500, 1);
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), refunded("re_1", 200, 200))
                .when(refund("re_2", 501))
                .expectEvents(requested);
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), refunded("re_1", 200, 200),
                        requested)
                .when(refundedByProcessor("re_2"))
                .expectEvents(new ChargeRefunded(ID, ACCOUNT, "studio", "re_2",
                        new RefundedAmounts(Money.of(501, "EUR"), Money.of(1, "EUR"), Money.of(701, "EUR")),
                        "re_sandbox_re_2", "DUPLICATE_CHARGE", NOW));
    }

    @Test
    void aRefundPaidToTheBalanceElsewhereIsRecordedOnceAndCountsAsRefunded() {
        var toBalance = new ChargeRefundedToBalance(ID, ACCOUNT, "studio", "re_b", Money.of(400, "EUR"),
                Money.of(400, "EUR"), NOW);
        fixture.given(captured("pm_card_ok"))
                .when(new RecordRefundToBalance(ID, "studio", ACCOUNT, "re_b", Money.of(400, "EUR")))
                .expectEvents(toBalance);
        fixture.given(captured("pm_card_ok"), toBalance)
                .when(new RecordRefundToBalance(ID, "studio", ACCOUNT, "re_b", Money.of(400, "EUR")))
                .expectNoEvents();
        fixture.given(captured("pm_card_ok"), toBalance)
                .when(refund("re_c", 601))
                .expectEvents(refusal("re_c", 601, "exceeds-refundable"));
    }

    @Test
    void neverMoreThanWhatIsLeftOfBothParts() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), refunded("re_1", 200, 200))
                .when(refund("re_2", 801))
                .expectEvents(refusal("re_2", 801, "exceeds-refundable"));
    }

    @Test
    void aRefundUnderWayReservesWhatItPaysBack() {
        // two refunds racing for the same money: the second is refused while the first waits for the processor
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0))
                .when(refund("re_2", 301))
                .expectEvents(refusal("re_2", 301, "exceeds-refundable"));
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0))
                .when(refund("re_2", 300))
                .expectEvents(refundRequested("re_2", 300, 300, 0));
    }

    @Test
    void aCashWithdrawalReachesTheCardWholeOrNotAtAll() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300))
                .when(new RefundCharge(ID, "re_1", "studio", ACCOUNT, Money.of(701, "EUR"),
                        RefundChargeRequestedV1.CASH_WITHDRAWAL))
                .expectEvents(refusal("re_1", 701, "exceeds-refundable"));
    }

    @Test
    void aDeclinedCardPartPaysNothingBackToTheBalanceEither() {
        var requested = refundRequested("re_1", 1000, 700, 300);
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), requested)
                .when(declinedRefund("re_1", "refund_failed"))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", EUR_1000,
                        "refund_failed", NOW));
    }

    @Test
    void processorRefundsTheWholeCardPartOfAPartlyBalancePaidCharge() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300))
                .when(refund("re_1", 700))
                .expectEvents(refundRequested("re_1", 700, 700, 0));
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), refundRequested("re_1", 700, 700, 0))
                .when(refundedByProcessor("re_1"))
                .expectEvents(refunded("re_1", 700, 700));
    }

    @Test
    void chargePaidWhollyFromBalanceIsRefundedToTheBalanceWithoutTheProcessor() {
        fixture.given(awaitingBalance("pm_card_ok"), new ChargeCaptured(terms("pm_card_ok"),
                        Charge.BALANCE, null, NOW, EUR_1000))
                .when(refund("re_1", 400))
                .expectEvents(new ChargeRefunded(ID, ACCOUNT, "studio", "re_1",
                        new RefundedAmounts(Money.of(400, "EUR"), Money.of(400, "EUR"), Money.of(400, "EUR")), null,
                        "DUPLICATE_CHARGE", NOW));
    }

    @Test
    void zeroAmountIsRefusedAndNothingIsCharged() {
        fixture.givenNoPriorActivity()
                .when(new CaptureCharge(ID, ACCOUNT, "studio", Money.of(0, "EUR"), "monthly", null, null, null,
                        "pm_card_ok", false))
                .expectException(refused(Kind.INVALID, "validation-failed"))
                .expectNoEvents();
    }

    @Test
    void chargeWithoutPaymentMethodIsRefused() {
        fixture.givenNoPriorActivity()
                .when(capture(null))
                .expectException(refused("payment-method-required"))
                .expectNoEvents();
    }

    @Test
    void refundIsExecutedByTheProcessorAndAddsUp() {
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(refund("re_2", 200))
                .expectEvents(refundRequested("re_2", 200, 200, 0));
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300), refundRequested("re_2", 200, 200, 0))
                .when(refundedByProcessor("re_2"))
                .expectEvents(refunded("re_2", 200, 500));
    }

    @Test
    void sameRefundIdIsRefundedOnce() {
        // saga 2: never refunds twice; a redelivered request pays once
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(refund("re_1", 300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0))
                .when(refund("re_1", 300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0), refunded("re_1", 300, 300))
                .when(refundedByProcessor("re_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefundMadeAtTheProcessorIsRecordedOnceUnderARefundIdOfItsOwn() {
        String refundId = Charge.refundMadeAtProcessor("re_dashboard");
        ChargeRefunded madeElsewhere = new ChargeRefunded(ID, ACCOUNT, "studio", refundId,
                new RefundedAmounts(Money.of(400, "EUR"), Money.of(0, "EUR"), Money.of(700, "EUR")), "re_dashboard",
                Charge.REFUNDED_AT_PROCESSOR, NOW);
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(reportedByProcessor("re_dashboard", 400, null))
                .expectEvents(madeElsewhere);
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300), madeElsewhere)
                .when(reportedByProcessor("re_dashboard", 400, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // no later refund pays it again: what is left to refund is 300
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300), madeElsewhere)
                .when(refund("re_2", 301))
                .expectEvents(refusal("re_2", 301, "exceeds-refundable"));
    }

    @Test
    void aReportOfARefundFairbillMadeIsItsAnswerOnceAndNothingMore() {
        // the webhook came before the process recorded the processor's answer
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0))
                .when(reportedByProcessor("re_sandbox_re_1", 300, "re_1"))
                .expectEvents(refunded("re_1", 300, 300));
        // the answer was recorded first: the report repeats it
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0), refunded("re_1", 300, 300))
                .when(reportedByProcessor("re_sandbox_re_1", 300, "re_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // a refund Fairbill recorded, reported without its metadata, is known by the processor's refund id
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(reportedByProcessor("re_sandbox_re_1", 300, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefundThatFailsAfterItWasPaidIsReversedOnceAndItsRefundIdIsFreeAgain() {
        ChargeRefundReversed reversed = new ChargeRefundReversed(ID, ACCOUNT, "studio", "re_1", Money.of(300, "EUR"),
                Money.of(200, "EUR"), "re_sandbox_re_1", "expired_or_canceled_card", NOW);
        fixture.given(captured("pm_card_ok"), refunded("re_2", 200, 200), refundRequested("re_1", 300, 300, 0),
                        refunded("re_1", 300, 500))
                .when(failedAtProcessor("re_sandbox_re_1", "re_1"))
                .expectEvents(reversed);
        // reported again, or reported once more as paid: nothing changes
        fixture.given(captured("pm_card_ok"), refunded("re_2", 200, 200), refundRequested("re_1", 300, 300, 0),
                        refunded("re_1", 300, 500), reversed)
                .when(failedAtProcessor("re_sandbox_re_1", "re_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0), refunded("re_1", 300, 300),
                        new ChargeRefundReversed(ID, ACCOUNT, "studio", "re_1", Money.of(300, "EUR"),
                                Money.of(0, "EUR"), "re_sandbox_re_1", "expired_or_canceled_card", NOW))
                .when(reportedByProcessor("re_sandbox_re_1", 300, "re_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // the refund id may be asked for again, and the whole charge is refundable again
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0), refunded("re_1", 300, 300),
                        new ChargeRefundReversed(ID, ACCOUNT, "studio", "re_1", Money.of(300, "EUR"),
                                Money.of(0, "EUR"), "re_sandbox_re_1", "expired_or_canceled_card", NOW))
                .when(refund("re_1", 1000))
                .expectEvents(refundRequested("re_1", 1000, 1000, 0));
    }

    @Test
    void aRefundTheProcessorReceivedStaysUnderWayUntilItsNotificationDecidesIt() {
        var accepted = new ChargeRefundAccepted(ID, ACCOUNT, "studio", "re_1", "PSP_REFUND_1", NOW);
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0))
                .when(new RecordRefundAccepted(ID, "re_1", "PSP_REFUND_1"))
                .expectEvents(accepted);
        // answered again (a sweep after a crash): nothing more
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0), accepted)
                .when(new RecordRefundAccepted(ID, "re_1", "PSP_REFUND_1"))
                .expectNoEvents();
        // still reserved: no other refund can take what it will pay
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0), accepted)
                .when(refund("re_2", 301))
                .expectEvents(refusal("re_2", 301, "exceeds-refundable"));
        // the processor's notification decides it: paid, or failed
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0), accepted)
                .when(reportedByProcessor("PSP_REFUND_1", 700, "re_1"))
                .expectEvents(new ChargeRefunded(ID, ACCOUNT, "studio", "re_1", RefundedAmounts.toCard(
                        Money.of(700, "EUR"), Money.of(700, "EUR")), "PSP_REFUND_1", "DUPLICATE_CHARGE", NOW));
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0), accepted)
                .when(failedAtProcessor("PSP_REFUND_1", "re_1"))
                .expectEvents(refusal("re_1", 700, "expired_or_canceled_card"));
    }

    @Test
    void aRefundThatFailsBeforeItsAnswerIsRecordedIsDeclined() {
        // the webhook came before the processor's answer: the failure is the answer, and a later "pending" is ignored
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0))
                .when(failedAtProcessor("re_sandbox_re_1", "re_1"))
                .expectEvents(refusal("re_1", 300, "expired_or_canceled_card"));
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 300, 300, 0),
                        refusal("re_1", 300, "expired_or_canceled_card"))
                .when(new RecordRefundOutcome(ID, "re_1", "re_sandbox_re_1", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReversedRefundKeepsThePartThatWentToTheBalance() {
        // 300 of the charge came from the cash balance: a 500 refund paid 200 to the card and 300 to the balance
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300),
                        refundRequested("re_1", 500, 200, 300),
                        new ChargeRefunded(ID, ACCOUNT, "studio", "re_1", new RefundedAmounts(Money.of(500, "EUR"),
                                Money.of(300, "EUR"), Money.of(500, "EUR")), "re_sandbox_re_1", "DUPLICATE_CHARGE",
                                NOW))
                .when(failedAtProcessor("re_sandbox_re_1", "re_1"))
                .expectEvents(new ChargeRefundReversed(ID, ACCOUNT, "studio", "re_1", Money.of(200, "EUR"),
                        Money.of(300, "EUR"), "re_sandbox_re_1", "expired_or_canceled_card", NOW));
    }

    @Test
    void aDashboardRefundWhoseFailureArrivesFirstIsNeverRecordedAsPaid() {
        var failedFirst = new ChargeProcessorRefundFailed(ID, ACCOUNT, "studio", "re_dashboard",
                "expired_or_canceled_card", NOW);
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(failedAtProcessor("re_dashboard", null))
                .expectEvents(failedFirst);
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300), failedFirst)
                .when(reportedByProcessor("re_dashboard", 400, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300), failedFirst)
                .when(failedAtProcessor("re_dashboard", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailureOfAnotherTenantsChargeIsNotFound() {
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(new RecordProcessorRefundFailure(ID, "panel", "re_sandbox_re_1", "re_1", "failed"))
                .expectNoEvents()
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }

    @Test
    void aReportOfARefundOfAnotherTenantsChargeIsNotFound() {
        fixture.given(captured("pm_card_ok"))
                .when(new RecordProcessorRefund(ID, "panel", "re_x", Money.of(100, "EUR"), null))
                .expectNoEvents()
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }

    @Test
    void refundAboveWhatIsStillRefundableIsRefusedAndAnswered() {
        // refunded + lost-in-dispute ≤ captured; ADR 0007: the refusal is answered
        fixture.given(captured("pm_card_ok"), refunded("re_1", 600, 600))
                .when(refund("re_2", 401))
                .expectEvents(refusal("re_2", 401, "exceeds-refundable"));
    }

    @Test
    void refundOfDisputedChargeIsRefusedAndAnswered() {
        // a charge under dispute cannot be refunded (money never goes back twice)
        fixture.given(captured("pm_card_ok"), disputeRecorded())
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-disputed"));
    }

    @Test
    void refundAfterLostDisputeIsRefusedAndAnswered() {
        // a charge with an open or lost dispute is never refunded
        fixture.given(captured("pm_card_ok"), disputeRecorded(), disputeClosed(false, 400))
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-disputed"));
    }

    @Test
    void aRefundTheProcessorPaysAfterADisputeWasLostIsADoublePayout() {
        // asked before the dispute opened, paid by the processor after it was lost: 700 + 1000 of 1000 captured
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 700, 700, 0), disputeRecorded(),
                        disputeClosed(false, 1000))
                .when(refundedByProcessor("re_1"))
                .expectEvents(refunded("re_1", 700, 700), new ChargeDoublePaidOut(ID, ACCOUNT, "studio", DISPUTE,
                        Money.of(700, "EUR"), Money.of(1000, "EUR"), Money.of(700, "EUR"), NOW));
    }

    @Test
    void refundInAnotherCurrencyIsRefusedAndAnswered() {
        fixture.given(captured("pm_card_ok"))
                .when(new RefundCharge(ID, "re_1", "studio", ACCOUNT, Money.of(100, "USD"), "DUPLICATE_CHARGE"))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", Money.of(100, "USD"),
                        "currency-mismatch", NOW));
    }

    @Test
    void refundOfNothingIsRefusedAndAnswered() {
        fixture.given(captured("pm_card_ok"))
                .when(refund("re_1", 0))
                .expectEvents(refusal("re_1", 0, "invalid-amount"));
    }

    @Test
    void refusedRefundIdCanBeRequestedAgainOnceItFits() {
        fixture.given(captured("pm_card_ok"), refusal("re_1", 1001, "exceeds-refundable"))
                .when(refund("re_1", 1000))
                .expectEvents(refundRequested("re_1", 1000, 1000, 0));
    }

    @Test
    void refundAfterWonDisputeIsAllowed() {
        fixture.given(captured("pm_card_ok"), disputeRecorded(), disputeClosed(true, 0))
                .when(refund("re_1", 1000))
                .expectEvents(refundRequested("re_1", 1000, 1000, 0));
    }

    @Test
    void failingProcessorRefundRefundsNothing() {
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 500, 500, 0))
                .when(declinedRefund("re_1", "refund_failed"))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", Money.of(500, "EUR"),
                        "refund_failed", NOW));
    }

    @Test
    void refundIdWhoseProcessorRefundFailedCanBeTriedAgain() {
        fixture.given(captured("pm_card_ok"), refundRequested("re_1", 500, 500, 0),
                        new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", Money.of(500, "EUR"), "refund_failed",
                                NOW))
                .when(refund("re_1", 500))
                .expectEvents(refundRequested("re_1", 500, 500, 0));
    }

    @Test
    void refundOfAFailedChargeIsRefusedAndAnswered() {
        fixture.given(captureRequested("pm_card_declined", 0), failed("pm_card_declined", "card_declined", 0))
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-not-captured"));
    }

    @Test
    void refundRequestedForAnotherTenantFindsNoCharge() {
        fixture.given(captured("pm_card_ok"))
                .when(new RefundCharge(ID, "re_1", "panel", ACCOUNT, Money.of(100, "EUR"), "DUPLICATE_CHARGE"))
                .expectException(refused(Kind.NOT_FOUND, "not-found"))
                .expectNoEvents();
    }

    @Test
    void lostDisputeAboveWhatWasNotRefundedIsRecordedAsADoublePayout() {
        // the processor took back 1000 after we had refunded 700: 700 went to the customer twice
        fixture.given(captured("pm_card_ok"), refunded("re_1", 700, 700), disputeRecorded())
                .when(new RecordChargeDisputeClosed(ID, DISPUTE, false, Money.of(1000, "EUR")))
                .expectEvents(disputeClosed(false, 1000), new ChargeDoublePaidOut(ID, ACCOUNT, "studio", DISPUTE,
                        Money.of(700, "EUR"), Money.of(1000, "EUR"), Money.of(700, "EUR"), NOW));
    }

    @Test
    void aDoublePaidOutChargeIsNeverRefundedAgain() {
        fixture.given(captured("pm_card_ok"), refunded("re_1", 700, 700), disputeRecorded(),
                        disputeClosed(false, 1000), new ChargeDoublePaidOut(ID, ACCOUNT, "studio", DISPUTE,
                                Money.of(700, "EUR"), Money.of(1000, "EUR"), Money.of(700, "EUR"), NOW))
                .when(new RefundCharge(ID, "re_2", "studio", ACCOUNT, Money.of(100, "EUR"), "requested"))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_2", Money.of(100, "EUR"),
                        "charge-disputed", NOW));
    }

    @Test
    void aLossAboveWhatWasCapturedOrBelowZeroIsRefused() {
        fixture.given(captured("pm_card_ok"), disputeRecorded())
                .when(new RecordChargeDisputeClosed(ID, DISPUTE, false, Money.of(1001, "EUR")))
                .expectException(refused("charge-invariant-violated"))
                .expectNoEvents();
    }

    @Test
    void lostDisputeWithinWhatWasNotRefundedIsRecorded() {
        fixture.given(captured("pm_card_ok"), refunded("re_1", 700, 700), disputeRecorded())
                .when(new RecordChargeDisputeClosed(ID, DISPUTE, false, Money.of(300, "EUR")))
                .expectEvents(disputeClosed(false, 300));
    }

    @Test
    void lostDisputeWithoutAmountLosesTheDisputedAmount() {
        fixture.given(captured("pm_card_ok"), disputeRecorded())
                .when(new RecordChargeDisputeClosed(ID, DISPUTE, false, null))
                .expectEvents(disputeClosed(false, 1000));
    }

    @Test
    void repeatedDisputeWebhookChangesNothing() {
        fixture.given(captured("pm_card_ok"), disputeRecorded())
                .when(new RecordChargeDispute(ID, DISPUTE, EUR_1000, "fraudulent", DUE_BY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void disputeIsRecordedWithTheProcessorsEvidenceDeadline() {
        fixture.given(captured("pm_card_ok"))
                .when(new RecordChargeDispute(ID, DISPUTE, EUR_1000, "fraudulent", DUE_BY))
                .expectEvents(disputeRecorded());
    }

    @Test
    void laterEvidenceDeadlineIsRecorded() {
        // a dispute recorded before the charge knew deadlines has none; the processor's update brings it
        fixture.given(captured("pm_card_ok"),
                        new ChargeDisputeRecorded(ID, ACCOUNT, "studio", DISPUTE, EUR_1000, "fraudulent", NOW, null))
                .when(new RecordChargeDispute(ID, DISPUTE, EUR_1000, "fraudulent", DUE_BY))
                .expectEvents(disputeRecorded());
    }

    @Test
    void disputeArrivingAfterItClosedChangesNothing() {
        fixture.given(captured("pm_card_ok"), disputeRecorded(), disputeClosed(true, 0))
                .when(new RecordChargeDispute(ID, DISPUTE, EUR_1000, "fraudulent", DUE_BY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void laterCaptureIsFlaggedAsDuplicateOfTheOriginal() {
        // final-sale-duplicates-refunded §4.3: only the duplicate charges are refunded, not the original
        fixture.given(captured("pm_card_ok"))
                .when(new FlagChargeDuplicate(ID, ORIGINAL, DuplicateRule.SAME_SUBSCRIPTION_PERIOD))
                .expectEvents(new ChargeFlaggedDuplicate(ID, ACCOUNT, "studio", ORIGINAL,
                        DuplicateRule.SAME_SUBSCRIPTION_PERIOD, EUR_1000, NOW));
    }

    @Test
    void duplicateIsFlaggedOnce() {
        fixture.given(captured("pm_card_ok"), new ChargeFlaggedDuplicate(ID, ACCOUNT, "studio", ORIGINAL,
                        DuplicateRule.SAME_PURCHASE, EUR_1000, NOW))
                .when(new FlagChargeDuplicate(ID, ORIGINAL, DuplicateRule.SAME_PURCHASE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void chargeIsNeverADuplicateOfItself() {
        // final-sale-duplicates-refunded §4.3: the original is never flagged
        fixture.given(captured("pm_card_ok"))
                .when(new FlagChargeDuplicate(ID, ID, DuplicateRule.SAME_ACCOUNT_AMOUNT_DESCRIPTION))
                .expectException(refused("charge-rule-violated"))
                .expectNoEvents();
    }

    private static CaptureCharge capture(String paymentMethod) {
        return new CaptureCharge(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null, paymentMethod, false);
    }

    private static ChargeTerms terms(String paymentMethod) {
        return new ChargeTerms(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null, paymentMethod, false);
    }

    private static ChargeCaptureRequested captureRequested(String paymentMethod, long paidFromBalance) {
        return new ChargeCaptureRequested(terms(paymentMethod), Money.of(paidFromBalance, "EUR"), NOW);
    }

    private static RecordCaptureOutcome capturedByProcessor() {
        return new RecordCaptureOutcome(ID, "sandbox", PROCESSOR_CHARGE_ID, null);
    }

    private static RecordCaptureOutcome declinedByProcessor(String failureCode) {
        return new RecordCaptureOutcome(ID, "sandbox", null, failureCode);
    }

    private static ChargeRefundRequested refundRequested(String refundId, long amount, long toCard, long toBalance) {
        return new ChargeRefundRequested(ID, ACCOUNT, "studio", refundId, new RefundSplit(Money.of(amount, "EUR"),
                Money.of(toCard, "EUR"), Money.of(toBalance, "EUR")), "DUPLICATE_CHARGE", PROCESSOR_CHARGE_ID,
                "pm_card_ok", NOW);
    }

    private static RecordRefundOutcome refundedByProcessor(String refundId) {
        return new RecordRefundOutcome(ID, refundId, "re_sandbox_" + refundId, null);
    }

    private static RecordRefundOutcome declinedRefund(String refundId, String failureCode) {
        return new RecordRefundOutcome(ID, refundId, null, failureCode);
    }

    private static ChargeCaptured captured(String paymentMethod) {
        return captured(paymentMethod, 0);
    }

    private static ChargeCaptured captured(String paymentMethod, long paidFromBalance) {
        return new ChargeCaptured(terms(paymentMethod), "sandbox", PROCESSOR_CHARGE_ID, NOW,
                Money.of(paidFromBalance, "EUR"));
    }

    private static ChargeFailed failed(String paymentMethod, String failureCode, long paidFromBalance) {
        return new ChargeFailed(terms(paymentMethod), "sandbox", failureCode, NOW, Money.of(paidFromBalance, "EUR"));
    }

    private static ChargeAwaitingBalance awaitingBalance(String paymentMethod) {
        return new ChargeAwaitingBalance(terms(paymentMethod), NOW);
    }

    private static SettleChargeFromBalance settle(long applied) {
        return new SettleChargeFromBalance(ID, "studio", ACCOUNT, Money.of(applied, "EUR"));
    }

    private static RefundCharge refund(String refundId, long amount) {
        return new RefundCharge(ID, refundId, "studio", ACCOUNT, Money.of(amount, "EUR"), "DUPLICATE_CHARGE");
    }

    private static RecordProcessorRefund reportedByProcessor(String processorRefundId, long amount, String refundId) {
        return new RecordProcessorRefund(ID, "studio", processorRefundId, Money.of(amount, "EUR"), refundId);
    }

    private static RecordProcessorRefundFailure failedAtProcessor(String processorRefundId, String refundId) {
        return new RecordProcessorRefundFailure(ID, "studio", processorRefundId, refundId, "expired_or_canceled_card");
    }

    private static ChargeRefunded refunded(String refundId, long amount, long total) {
        return new ChargeRefunded(ID, ACCOUNT, "studio", refundId,
                RefundedAmounts.toCard(Money.of(amount, "EUR"), Money.of(total, "EUR")), "re_sandbox_" + refundId,
                "DUPLICATE_CHARGE", NOW);
    }

    private static ChargeRefundFailed refusal(String refundId, long amount, String failureCode) {
        return new ChargeRefundFailed(ID, ACCOUNT, "studio", refundId, Money.of(amount, "EUR"), failureCode, NOW);
    }

    private static ChargeDisputeRecorded disputeRecorded() {
        return new ChargeDisputeRecorded(ID, ACCOUNT, "studio", DISPUTE, EUR_1000, "fraudulent", NOW, DUE_BY);
    }

    private static ChargeDisputeClosed disputeClosed(boolean won, long lost) {
        return new ChargeDisputeClosed(ID, ACCOUNT, "studio", DISPUTE, won, Money.of(lost, "EUR"), NOW);
    }
}
