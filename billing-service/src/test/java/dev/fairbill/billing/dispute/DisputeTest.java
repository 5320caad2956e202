package dev.fairbill.billing.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.fairbill.platform.testsupport.Refusals.refused;

import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.dispute.DisputeCommands.AttachRefundSideEvidence;
import dev.fairbill.billing.dispute.DisputeCommands.RecordEvidenceSubmission;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeClosed;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeFunds;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeTerms;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceAttached;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeFundsReinstated;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceSubmitted;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeFundsWithdrawn;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeUpdated;
import dev.fairbill.billing.dispute.DisputeEvents.EvidenceItem;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/** The dispute lifecycle of saga 3, tolerant of out-of-order webhook delivery. */
class DisputeTest {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant DUE = Instant.parse("2026-12-02T23:59:59Z");
    private static final Money AMOUNT = Money.of(1000, "EUR");

    private static final EvidenceItem REFUND = new EvidenceItem(T1, "REFUND", "ch_0000000000000000000000000C",
            "Already refunded 1000 of 1000 EUR (minor units) to the original payment method");

    private final DisputeId id = Dispute.idFor("panel", "stripe", "du_1");
    private final ChargeId charge = ChargeId.of("ch_0000000000000000000000000C");
    private final AccountId account = AccountId.of("acct_0000000000000000000000000A");
    private AggregateTestFixture<Dispute> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Dispute.class);
    }

    @Test
    void idIsAValidDisputeIdAndTheSameForEveryReportOfOneProcessorDispute() {
        assertThat(Ids.isValid(IdPrefix.DISPUTE, id.value())).isTrue();
        assertThat(Dispute.idFor("panel", "stripe", "du_1")).isEqualTo(id);
        assertThat(Dispute.idFor("studio", "stripe", "du_1")).isNotEqualTo(id);
    }

    @Test
    void firstReportOpensTheDispute() {
        fixture.givenNoPriorActivity()
                .when(new ReportDispute(id, facts(AMOUNT, "fraudulent", T1)))
                .expectEvents(opened(T1));
    }

    @Test
    void newerUpdateChangesAmountReasonAndDueDate() {
        fixture.given(opened(T1))
                .when(new ReportDispute(id, facts(Money.of(600, "EUR"), "product_not_received", T2)))
                .expectEvents(new DisputeUpdated(id, charge, account, Money.of(600, "EUR"), "product_not_received",
                        DUE, T2));
    }

    @Test
    void repeatedReportChangesNothing() {
        fixture.given(opened(T1))
                .when(new ReportDispute(id, facts(AMOUNT, "fraudulent", T2)))
                .expectNoEvents();
    }

    @Test
    void olderUpdateAfterANewerOneChangesNothing() {
        fixture.given(opened(T1), new DisputeUpdated(id, charge, account, AMOUNT, "general", DUE, T3))
                .when(new ReportDispute(id, facts(Money.of(600, "EUR"), "fraudulent", T2)))
                .expectNoEvents();
    }

    @Test
    void fundsAreWithdrawn() {
        fixture.given(opened(T1))
                .when(new ReportDisputeFunds(id, facts(AMOUNT, "fraudulent", T2), true))
                .expectEvents(new DisputeFundsWithdrawn(id, charge, account, AMOUNT, T2));
    }

    @Test
    void fundsAreReinstated() {
        fixture.given(opened(T1), new DisputeFundsWithdrawn(id, charge, account, AMOUNT, T2))
                .when(new ReportDisputeFunds(id, facts(AMOUNT, "fraudulent", T3), false))
                .expectEvents(new DisputeFundsReinstated(id, charge, account, AMOUNT, T3));
    }

    @Test
    void evidenceSentToTheProcessorIsRecordedOnceAndNotAfterTheClose() {
        var submitted = new DisputeEvidenceSubmitted(id, charge, account, EvidenceSubmission.SUBMITTED, null, T2);
        fixture.given(opened(T1))
                .when(new RecordEvidenceSubmission(id, EvidenceSubmission.SUBMITTED, null, T2))
                .expectEvents(submitted);
        fixture.given(opened(T1), submitted)
                .when(new RecordEvidenceSubmission(id, EvidenceSubmission.REFUSED, "evidence_refused", T3))
                .expectNoEvents();
        fixture.given(opened(T1), new DisputeClosed(id, "panel", charge, account, DisputeOutcome.LOST, AMOUNT, T2))
                .when(new RecordEvidenceSubmission(id, EvidenceSubmission.SUBMITTED, null, T3))
                .expectNoEvents();
    }

    @Test
    void closedAsWon() {
        fixture.given(opened(T1))
                .when(new ReportDisputeClosed(id, facts(AMOUNT, "fraudulent", T2), DisputeOutcome.WON))
                .expectEvents(new DisputeClosed(id, "panel", charge, account, DisputeOutcome.WON, AMOUNT, T2));
    }

    @Test
    void closedAsLost() { // a lost dispute terminates (the consequence follows DisputeClosed LOST)
        fixture.given(opened(T1))
                .when(new ReportDisputeClosed(id, facts(AMOUNT, "fraudulent", T2), DisputeOutcome.LOST))
                .expectEvents(new DisputeClosed(id, "panel", charge, account, DisputeOutcome.LOST, AMOUNT, T2));
    }

    @Test
    void closeBeforeCreateCreatesTheDisputeClosed() { // saga 3: tolerant of out-of-order delivery
        fixture.givenNoPriorActivity()
                .when(new ReportDisputeClosed(id, facts(AMOUNT, "fraudulent", T2), DisputeOutcome.LOST))
                .expectEvents(new DisputeOpened(id, "panel", "stripe", "du_1", charge, account,
                                new DisputeTerms(AMOUNT, "fraudulent", DUE), T2),
                        new DisputeClosed(id, "panel", charge, account, DisputeOutcome.LOST, AMOUNT, T2));
    }

    @Test
    void createdArrivingAfterTheCloseChangesNothing() {
        fixture.given(opened(T2), new DisputeClosed(id, "panel", charge, account, DisputeOutcome.WON, AMOUNT, T2))
                .when(new ReportDispute(id, facts(AMOUNT, "fraudulent", T1)))
                .expectNoEvents();
    }

    @Test
    void olderUpdateAfterTheCloseChangesNothing() {
        fixture.given(opened(T1), new DisputeClosed(id, "panel", charge, account, DisputeOutcome.WON, AMOUNT, T3))
                .when(new ReportDispute(id, facts(Money.of(600, "EUR"), "general", T2)))
                .expectNoEvents();
    }

    @Test
    void secondCloseChangesNothing() {
        fixture.given(opened(T1), new DisputeClosed(id, "panel", charge, account, DisputeOutcome.WON, AMOUNT, T2))
                .when(new ReportDisputeClosed(id, facts(AMOUNT, "fraudulent", T3), DisputeOutcome.LOST))
                .expectNoEvents();
    }

    @Test
    void fundsReinstatedAfterTheCloseAreStillRecorded() {
        fixture.given(opened(T1), new DisputeFundsWithdrawn(id, charge, account, AMOUNT, T1),
                        new DisputeClosed(id, "panel", charge, account, DisputeOutcome.WON, AMOUNT, T2))
                .when(new ReportDisputeFunds(id, facts(AMOUNT, "fraudulent", T3), false))
                .expectEvents(new DisputeFundsReinstated(id, charge, account, AMOUNT, T3));
    }

    @Test
    void olderFundsReportChangesNothing() {
        fixture.given(opened(T1), new DisputeFundsWithdrawn(id, charge, account, AMOUNT, T3))
                .when(new ReportDisputeFunds(id, facts(AMOUNT, "fraudulent", T2), false))
                .expectNoEvents();
    }

    @Test
    void theRefundSideOfTheEvidenceIsAttached() { // saga 3, final-sale-reseller §9: evidence before the due date
        fixture.given(opened(T1))
                .when(attach("panel", account, T2))
                .expectEvents(new DisputeEvidenceAttached(id, charge, account, "CONTEST_REFUNDED", List.of(REFUND),
                        T2));
    }

    @Test
    void aCompilationNotNewerThanTheLastOneChangesNothing() { // redelivered or overtaken
        fixture.given(opened(T1), new DisputeEvidenceAttached(id, charge, account, "CONTEST", List.of(), T3))
                .when(attach("panel", account, T2))
                .expectNoEvents();
    }

    @Test
    void aClosedDisputeTakesNoMoreEvidence() {
        fixture.given(opened(T1), new DisputeClosed(id, "panel", charge, account, DisputeOutcome.WON, AMOUNT, T2))
                .when(attach("panel", account, T3))
                .expectNoEvents();
    }

    @Test
    void anotherTenantsOrAccountsEvidenceIsRefused() {
        fixture.given(opened(T1))
                .when(attach("studio", account, T2))
                .expectException(refused(Kind.NOT_FOUND, "not-found"))
                .expectNoEvents();
        fixture.given(opened(T1))
                .when(attach("panel", AccountId.of("acct_0000000000000000000000000B"), T2))
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }

    private AttachRefundSideEvidence attach(String tenant, AccountId accountId, Instant compiledAt) {
        return new AttachRefundSideEvidence(id, tenant, accountId, compiledAt.equals(T2) ? "CONTEST_REFUNDED"
                : "CONTEST", List.of(REFUND), compiledAt);
    }

    private DisputeOpened opened(Instant at) {
        return new DisputeOpened(id, "panel", "stripe", "du_1", charge, account,
                new DisputeTerms(AMOUNT, "fraudulent", DUE), at);
    }

    private DisputeFacts facts(Money amount, String reason, Instant reportedAt) {
        return new DisputeFacts("panel", "stripe", "du_1", charge, account, amount, reason, DUE, reportedAt);
    }
}
