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
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDispute;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundToBalance;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.charge.ChargeCommands.SettleChargeFromBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeRecorded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDoublePaidOut;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFlaggedDuplicate;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundedToBalance;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.payment.PaymentProcessor.CaptureRequest;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/**
 * The Charge aggregate: capture from cash balance first and through the processor, refunds, disputes and the money
 * invariant.
 */
class ChargeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final Instant DUE_BY = Instant.parse("2026-12-02T00:00:00Z");
    private static final ChargeId ID = ChargeId.of("ch_0000000000000000000000000C");
    private static final ChargeId ORIGINAL = ChargeId.of("ch_0000000000000000000000000O");
    private static final AccountId ACCOUNT = AccountId.of("acct_0000000000000000000000000A");
    private static final DisputeId DISPUTE = DisputeId.of("dp_0000000000000000000000000D");
    private static final Money EUR_1000 = Money.of(1000, "EUR");

    private static final Money NOTHING = Money.of(0, "EUR");

    private final ChargeTestProcessor processor = new ChargeTestProcessor();
    private Money cashBalance = NOTHING;
    private AggregateTestFixture<Charge> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Charge.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(processor);
        fixture.registerInjectableResource((CashBalances) (account, currency) ->
                cashBalance.currency().equals(currency) ? cashBalance : Money.zero(currency));
    }

    @Test
    void okCardIsCaptured() {
        fixture.givenNoPriorActivity()
                .when(capture("pm_card_ok"))
                .expectEvents(captured("pm_card_ok"));
    }

    @Test
    void declinedCardFailsWithTheProcessorsCode() {
        fixture.givenNoPriorActivity()
                .when(capture("pm_card_declined"))
                .expectEvents(failed("pm_card_declined", "card_declined", 0));
    }

    @Test
    void chargeOfAnAccountWithCashBalanceAsksTheLedgerFirstAndWaits() {
        // next charges use cash balance first (ADR 0010)
        cashBalance = Money.of(300, "EUR");
        fixture.givenNoPriorActivity()
                .when(capture("pm_card_ok"))
                .expectEvents(awaitingBalance("pm_card_ok"));
        assertThat(processor.captures).isEmpty();
    }

    @Test
    void cashBalanceInAnotherCurrencyDoesNotPayTheCharge() {
        cashBalance = Money.of(500, "USD");
        fixture.givenNoPriorActivity()
                .when(capture("pm_card_ok"))
                .expectEvents(captured("pm_card_ok"));
        assertThat(processor.captures).extracting(CaptureRequest::amount).containsExactly(EUR_1000);
    }

    @Test
    void cashBalanceThatPaysTheWholeChargeCapturesItWithoutTheProcessor() {
        // next charges use cash balance first
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(1000))
                .expectEvents(new ChargeCaptured(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null,
                        "pm_card_ok", false, Charge.BALANCE, null, NOW, EUR_1000));
        assertThat(processor.captures).isEmpty();
    }

    @Test
    void cashBalanceThatPaysPartOfTheChargeLeavesTheRestToTheProcessor() {
        // cash balance first, the payment method pays the rest
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(300))
                .expectEvents(captured("pm_card_ok", 300));
        assertThat(processor.captures).extracting(CaptureRequest::amount).containsExactly(Money.of(700, "EUR"));
        assertThat(processor.captures).extracting(CaptureRequest::idempotencyKey).containsExactly(ID.value());
    }

    @Test
    void noCashBalanceAppliedLeavesTheWholeChargeToTheProcessor() {
        // the ledger's balance was gone when the request arrived: billing's view is only eventually consistent
        fixture.given(awaitingBalance("pm_card_ok"))
                .when(settle(0))
                .expectEvents(captured("pm_card_ok", 0));
        assertThat(processor.captures).extracting(CaptureRequest::amount).containsExactly(EUR_1000);
    }

    @Test
    void repeatedLedgerAnswerChangesNothing() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300))
                .when(settle(300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(processor.captures).isEmpty();
    }

    @Test
    void ledgerAnswerForAChargeThatNeverAskedChangesNothing() {
        fixture.given(captured("pm_card_ok"))
                .when(settle(300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(processor.captures).isEmpty();
    }

    @Test
    void declinedRestFailsTheChargeAndNamesTheBalanceToGiveBack() {
        // the ledger restores the applied balance when it sees the failure (ADR 0010)
        fixture.given(awaitingBalance("pm_card_declined"))
                .when(settle(300))
                .expectEvents(failed("pm_card_declined", "card_declined", 300));
    }

    @Test
    void restWithAnUnknownPaymentMethodFailsTheCharge() {
        // the charge and the ledger's answer exist already, so the failure is recorded instead of refused
        fixture.given(awaitingBalance("pm_unknown"))
                .when(settle(300))
                .expectEvents(failed("pm_unknown", "unknown_payment_method", 300));
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
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void aRefundGoesToTheCardUpToWhatItPaidAndTheRestBackToTheBalance() {
        // card-refundable = amount − paid from balance − refunded to the card − lost; the rest came from the balance
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), refunded("re_1", 200, 200))
                .when(refund("re_2", 501))
                .expectEvents(new ChargeRefunded(ID, ACCOUNT, "studio", "re_2", Money.of(501, "EUR"),
                        Money.of(701, "EUR"), "re_sandbox_re_2", "DUPLICATE_CHARGE", NOW, Money.of(1, "EUR")));
        assertThat(processor.refunds).singleElement()
                .satisfies(request -> assertThat(request.amount()).isEqualTo(Money.of(500, "EUR")));
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
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void neverMoreThanWhatIsLeftOfBothParts() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300), refunded("re_1", 200, 200))
                .when(refund("re_2", 801))
                .expectEvents(refusal("re_2", 801, "exceeds-refundable"));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void aCashWithdrawalReachesTheCardWholeOrNotAtAll() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300))
                .when(new RefundCharge(ID, "re_1", "studio", ACCOUNT, Money.of(701, "EUR"),
                        RefundChargeRequestedV1.CASH_WITHDRAWAL))
                .expectEvents(refusal("re_1", 701, "exceeds-refundable"));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void aDeclinedCardPartPaysNothingBackToTheBalanceEither() {
        fixture.given(awaitingBalance("pm_card_refund_fails"), captured("pm_card_refund_fails", 300))
                .when(refund("re_1", 1000))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", EUR_1000,
                        "refund_failed", NOW));
    }

    @Test
    void processorRefundsTheWholeCardPartOfAPartlyBalancePaidCharge() {
        fixture.given(awaitingBalance("pm_card_ok"), captured("pm_card_ok", 300))
                .when(refund("re_1", 700))
                .expectEvents(refunded("re_1", 700, 700));
    }

    @Test
    void chargePaidWhollyFromBalanceIsRefundedToTheBalanceWithoutTheProcessor() {
        fixture.given(awaitingBalance("pm_card_ok"), new ChargeCaptured(ID, ACCOUNT, "studio", EUR_1000, "monthly",
                        null, null, null, "pm_card_ok", false, Charge.BALANCE, null, NOW, EUR_1000))
                .when(refund("re_1", 400))
                .expectEvents(new ChargeRefunded(ID, ACCOUNT, "studio", "re_1", Money.of(400, "EUR"),
                        Money.of(400, "EUR"), null, "DUPLICATE_CHARGE", NOW, Money.of(400, "EUR")));
        assertThat(processor.refunds).isEmpty();
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
                .expectEvents(refunded("re_2", 200, 500));
        assertThat(processor.refunds).hasSize(1);
    }

    @Test
    void sameRefundIdIsRefundedOnce() {
        // saga 2: never refunds twice; a redelivered request pays once
        fixture.given(captured("pm_card_ok"), refunded("re_1", 300, 300))
                .when(refund("re_1", 300))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void refundAboveWhatIsStillRefundableIsRefusedAndAnswered() {
        // refunded + lost-in-dispute ≤ captured; ADR 0007: the refusal is answered
        fixture.given(captured("pm_card_ok"), refunded("re_1", 600, 600))
                .when(refund("re_2", 401))
                .expectEvents(refusal("re_2", 401, "exceeds-refundable"));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void refundOfDisputedChargeIsRefusedAndAnswered() {
        // a charge under dispute cannot be refunded (money never goes back twice)
        fixture.given(captured("pm_card_ok"), disputeRecorded())
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-disputed"));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void refundAfterLostDisputeIsRefusedAndAnswered() {
        // a charge with an open or lost dispute is never refunded
        fixture.given(captured("pm_card_ok"), disputeRecorded(), disputeClosed(false, 400))
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-disputed"));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void refundInAnotherCurrencyIsRefusedAndAnswered() {
        fixture.given(captured("pm_card_ok"))
                .when(new RefundCharge(ID, "re_1", "studio", ACCOUNT, Money.of(100, "USD"), "DUPLICATE_CHARGE"))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", Money.of(100, "USD"),
                        "currency-mismatch", NOW));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void refundOfNothingIsRefusedAndAnswered() {
        fixture.given(captured("pm_card_ok"))
                .when(refund("re_1", 0))
                .expectEvents(refusal("re_1", 0, "invalid-amount"));
        assertThat(processor.refunds).isEmpty();
    }

    @Test
    void refusedRefundIdCanBeRequestedAgainOnceItFits() {
        fixture.given(captured("pm_card_ok"), refusal("re_1", 1001, "exceeds-refundable"))
                .when(refund("re_1", 1000))
                .expectEvents(refunded("re_1", 1000, 1000));
    }

    @Test
    void refundAfterWonDisputeIsAllowed() {
        fixture.given(captured("pm_card_ok"), disputeRecorded(), disputeClosed(true, 0))
                .when(refund("re_1", 1000))
                .expectEvents(refunded("re_1", 1000, 1000));
    }

    @Test
    void failingProcessorRefundRefundsNothing() {
        fixture.given(captured("pm_card_refund_fails"))
                .when(refund("re_1", 500))
                .expectEvents(new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1", Money.of(500, "EUR"),
                        "refund_failed", NOW));
    }

    @Test
    void refundIdWhoseProcessorRefundFailedCanBeTriedAgain() {
        fixture.given(captured("pm_card_ok"), new ChargeRefundFailed(ID, ACCOUNT, "studio", "re_1",
                        Money.of(500, "EUR"), "refund_failed", NOW))
                .when(refund("re_1", 500))
                .expectEvents(refunded("re_1", 500, 500));
    }

    @Test
    void refundOfAFailedChargeIsRefusedAndAnswered() {
        fixture.given(failed("pm_card_declined", "card_declined", 0))
                .when(refund("re_1", 100))
                .expectEvents(refusal("re_1", 100, "charge-not-captured"));
        assertThat(processor.refunds).isEmpty();
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
        // seed 001 §4.3: only the duplicate charges are refunded, not the original
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
        // seed 001 §4.3: the original is never flagged
        fixture.given(captured("pm_card_ok"))
                .when(new FlagChargeDuplicate(ID, ID, DuplicateRule.SAME_ACCOUNT_AMOUNT_DESCRIPTION))
                .expectException(refused("charge-rule-violated"))
                .expectNoEvents();
    }

    private static CaptureCharge capture(String paymentMethod) {
        return new CaptureCharge(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null, paymentMethod, false);
    }

    private static ChargeCaptured captured(String paymentMethod) {
        return captured(paymentMethod, 0);
    }

    private static ChargeCaptured captured(String paymentMethod, long paidFromBalance) {
        return new ChargeCaptured(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null, paymentMethod, false,
                "sandbox", ChargeTestProcessor.PROCESSOR_CHARGE_ID, NOW, Money.of(paidFromBalance, "EUR"));
    }

    private static ChargeFailed failed(String paymentMethod, String failureCode, long paidFromBalance) {
        return new ChargeFailed(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null, paymentMethod,
                "sandbox", failureCode, NOW, Money.of(paidFromBalance, "EUR"));
    }

    private static ChargeAwaitingBalance awaitingBalance(String paymentMethod) {
        return new ChargeAwaitingBalance(ID, ACCOUNT, "studio", EUR_1000, "monthly", null, null, null, paymentMethod,
                false, NOW);
    }

    private static SettleChargeFromBalance settle(long applied) {
        return new SettleChargeFromBalance(ID, "studio", ACCOUNT, Money.of(applied, "EUR"));
    }

    private static RefundCharge refund(String refundId, long amount) {
        return new RefundCharge(ID, refundId, "studio", ACCOUNT, Money.of(amount, "EUR"), "DUPLICATE_CHARGE");
    }

    private static ChargeRefunded refunded(String refundId, long amount, long total) {
        return new ChargeRefunded(ID, ACCOUNT, "studio", refundId, Money.of(amount, "EUR"), Money.of(total, "EUR"),
                "re_sandbox_" + refundId, "DUPLICATE_CHARGE", NOW);
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
