package dev.fairbill.refund.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.FixtureClock;
import dev.fairbill.refund.saga.ChargebackRequests.CreditsClawbackRequested;
import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidence;
import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidenceCompiled;
import dev.fairbill.refund.saga.ChargebackRequests.DisputeLossRecorded;
import dev.fairbill.refund.saga.ChargebackRequests.Item;
import dev.fairbill.refund.saga.ChargebackRequests.SubResellerFreezeRequested;
import dev.fairbill.refund.saga.ChargebackRequests.SubResellerUnfreezeRequested;
import dev.fairbill.refund.saga.ReportedFacts.DisputeCloseReported;
import dev.fairbill.refund.saga.ReportedFacts.DisputeOpenReported;

/**
 * Chargeback-triggered suspension (saga 3, final-sale-reseller §9): sub-reseller freezes, the evidence before the due
 * date, won and lost, and the outcome deadline.
 */
class ChargebackSagaTest {

    private static final String DISPUTE = "dp_1";
    private static final String CHARGE = "ch_1";
    private static final String RESELLER = "acct_reseller";
    private static final String SUB = "acct_sub";
    private static final String TENANT = "panel";
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant DUE = NOW.plus(Duration.ofDays(7));
    private static final Money EUR_2500 = Money.of(2500, "EUR");
    private static final DisputeEvidence EVIDENCE = new DisputeEvidence("CONTEST",
            List.of(new Item(NOW.minusSeconds(3600), "CREDIT_USAGE", RESELLER, "Used 30 credits in 2 operations")));

    private SagaTestFixture<ChargebackSaga> fixture;
    private RecordedProgress progress;
    private int compilations;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ChargebackSaga.class);
        progress = new RecordedProgress();
        fixture.registerResource(progress);
        fixture.registerResource((DisputeEvidenceSource) (tenant, account, charge) -> {
            compilations++;
            return EVIDENCE;
        });
        fixture.registerResource(new FixtureClock(fixture::currentTime));
        fixture.registerResource(DefaultEventGateway.builder().eventBus(fixture.getEventBus()).build());
    }

    @Test
    void anOpenedDisputeFreezesTheSubResellersAndCompilesTheEvidenceAtOnce() { // final-sale-reseller §9
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(opened(DUE))
                .expectActiveSagas(1)
                .expectPublishedEvents(new SubResellerFreezeRequested(DISPUTE, SUB, TENANT, NOW),
                        new DisputeEvidenceCompiled(DISPUTE, CHARGE, RESELLER, TENANT, EVIDENCE, NOW))
                .expectScheduledDeadlineWithName(Duration.ofDays(6), ChargebackSaga.EVIDENCE_DUE)
                .expectScheduledDeadlineWithName(Duration.ofDays(7 + 75), ChargebackSaga.OUTCOME_DUE);
    }

    @Test
    void theEvidenceIsCompiledAgainADayBeforeItIsDue() { // saga 3: before the processor's due date
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(opened(DUE))
                .whenTimeElapses(Duration.ofDays(6))
                .expectTriggeredDeadlines(new ChargebackSaga.EvidenceDue(DUE))
                .expectPublishedEvents(new DisputeEvidenceCompiled(DISPUTE, CHARGE, RESELLER, TENANT, EVIDENCE,
                        NOW.plus(Duration.ofDays(6))));
        assertThat(compilations).isEqualTo(2);
    }

    @Test
    void evidenceDueWithinADayIsCompiledOnlyNow() {
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(opened(NOW.plus(Duration.ofHours(12))))
                .expectNoScheduledDeadlineWithName(Duration.ofDays(6), ChargebackSaga.EVIDENCE_DUE)
                .expectPublishedEvents(new SubResellerFreezeRequested(DISPUTE, SUB, TENANT, NOW),
                        new DisputeEvidenceCompiled(DISPUTE, CHARGE, RESELLER, TENANT, EVIDENCE, NOW));
    }

    @Test
    void aWonDisputeLiftsTheSubResellersFreezesAndClawsNothingBack() { // saga 3: won → reinstate
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(opened(DUE))
                .whenPublishingA(closed("WON"))
                .expectActiveSagas(0)
                .expectPublishedEvents(new SubResellerUnfreezeRequested(DISPUTE, SUB, TENANT, NOW))
                .expectNoScheduledDeadlines();
        assertThat(progress.calls).last().isEqualTo("ended chargeback " + DISPUTE + " WON");
    }

    @Test
    void aLostDisputeClawsBackTheChargesCreditsAndRecordsTheLoss() { // saga 3: lost → claw back
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(opened(DUE))
                .whenPublishingA(closed("LOST"))
                .expectActiveSagas(0)
                .expectPublishedEvents(new SubResellerUnfreezeRequested(DISPUTE, SUB, TENANT, NOW),
                        new CreditsClawbackRequested(DISPUTE, CHARGE, RESELLER, TENANT, NOW),
                        new DisputeLossRecorded(DISPUTE, CHARGE, RESELLER, TENANT, EUR_2500, NOW));
    }

    @Test
    void anotherDisputesCloseIsNotThisSagas() {
        fixture.givenAPublished(opened(DUE))
                .whenPublishingA(new DisputeCloseReported("dp_other", "ch_9", RESELLER, TENANT, "LOST", EUR_2500,
                        NOW))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectPublishedEvents();
    }

    @Test
    void aDisputeWithoutOutcomeLongAfterItsDueDateIsOverdue() { // issue: every wait has a deadline
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(opened(DUE))
                .whenTimeElapses(Duration.ofDays(7 + 75 + 1))
                .expectActiveSagas(1);
        assertThat(progress.calls).last().asString().startsWith("overdue chargeback " + DISPUTE);
    }

    private static DisputeOpenReported opened(Instant dueBy) {
        return new DisputeOpenReported(DISPUTE, CHARGE, RESELLER, TENANT, EUR_2500, "fraudulent", dueBy, NOW,
                List.of(SUB));
    }

    private static DisputeCloseReported closed(String outcome) {
        return new DisputeCloseReported(DISPUTE, CHARGE, RESELLER, TENANT, outcome, EUR_2500, NOW);
    }
}
