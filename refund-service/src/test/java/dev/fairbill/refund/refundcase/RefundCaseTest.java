package dev.fairbill.refund.refundcase;

import static dev.fairbill.platform.testsupport.Refusals.refused;

import java.time.Duration;
import java.time.Instant;
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
import dev.fairbill.refund.refundcase.RefundCase.ReviewDue;
import dev.fairbill.refund.refundcase.RefundCaseCommands.AddEvidence;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ApproveRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.ExecuteRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.OpenRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RejectRefundCase;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Assessment;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Award;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Claim;
import dev.fairbill.refund.refundcase.RefundCaseEvents.EvidenceAdded;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Review;
import dev.fairbill.refund.refundcase.RefundCaseEvents.ReviewEscalated;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellation;

/** The refund case's rules (docs/domain.md, refunds): decided once, never above the refundable rest, SLA escalation. */
class RefundCaseTest {

    private static final RefundCaseId ID = RefundCaseId.of("rc_1");
    private static final String TENANT = "imaging";
    private static final String ACCOUNT = "acct_1";
    private static final String CHARGE = "ch_1";
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant DUE = Instant.parse("2026-11-30T09:00:00Z");
    private static final Money EUR_1000 = Money.of(1000, "EUR");
    private static final RefundRequest REQUEST = new RefundRequest(RefundReason.FRAUDULENT_TRANSACTION,
            new Target(TargetKind.CHARGE, CHARGE), null, List.of("POLICE_REPORT"));
    private static final List<Evidence> EVIDENCE =
            List.of(new Evidence(Evidence.EvidenceKind.POLICE_REPORT, "PR-7"));
    private static final Decision REVIEW = new Decision(Outcome.NEEDS_REVIEW, null, null, null,
            "exceptions-within-7-days", 1, "fraud-with-proof", "A reviewer checks your proof within 5 business days.");

    private FixtureConfiguration<RefundCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RefundCase.class);
        fixture.registerInjectableResource(new FixtureClock((AggregateTestFixture<?>) fixture));
    }

    @Test
    void aCaseNeedingReviewWaitsInTheQueueWithItsDeadline() { // exceptions-within-7-days part 3 and part 5
        fixture.givenCurrentTime(NOW)
                .when(open(REVIEW, DUE))
                .expectEvents(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .expectScheduledDeadline(Duration.between(NOW, DUE), new ReviewDue(ID));
    }

    @Test
    void anApprovedDecisionOpensAnApprovedCaseWithoutADeadline() { // final-sale-duplicates-refunded §4.3
        Decision approved = new Decision(Outcome.APPROVED, EUR_1000, Destination.ORIGINAL_PAYMENT_METHOD, null,
                "final-sale-duplicates-refunded", 1, "duplicate-flagged", "The duplicate is refunded.");
        fixture.givenCurrentTime(NOW)
                .when(open(approved, null))
                .expectEvents(opened(approved, RefundCaseStatus.APPROVED, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeniedDecisionOpensADeniedCase() { // final-sale-reseller §2: final sale
        Decision denied = new Decision(Outcome.DENIED, null, null, null, "final-sale-reseller", 1, "final-sale",
                "All sales are final.");
        fixture.givenCurrentTime(NOW)
                .when(open(denied, null))
                .expectEvents(opened(denied, RefundCaseStatus.DENIED, null));
    }

    @Test
    void aDecisionAboveTheRefundableRestIsRefused() { // never above what is still refundable
        Decision tooMuch = new Decision(Outcome.APPROVED, Money.of(1001, "EUR"), Destination.ACCOUNT_BALANCE, null,
                "cooling-off-prorata", 1, "cooling-off", "Full refund.");
        fixture.givenCurrentTime(NOW)
                .when(open(tooMuch, null))
                .expectNoEvents()
                .expectException(refused(Kind.REFUSED, "amount-exceeds-refundable"));
    }

    @Test
    void aReviewerMayLowerTheAmountAndChooseTheDestination() { // final-sale-reseller §8: discretionary review
        Money lower = Money.of(400, "EUR");
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, lower, Destination.ACCOUNT_BALANCE, EUR_1000, "partly",
                        "key_reviewer"))
                .expectEvents(new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW, new Award(lower,
                        Destination.ACCOUNT_BALANCE, null), Review.of("partly", "key_reviewer"), NOW));
    }

    @Test
    void theReviewersKeyAndRequestAreRecordedInTheEventsForTheAuditTrail() {
        Actor reviewer = new Actor("key_panel_review", "req-approve-1");
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "ok", "key_panel_review", reviewer))
                .expectEvents(new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW, new Award(EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD, null), new Review("ok", "key_panel_review", reviewer),
                        NOW));
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new RejectRefundCase(ID, TENANT, "no proof", "key_panel_review", reviewer))
                .expectEvents(new RefundCaseRejected(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW,
                        new Review("no proof", "key_panel_review", reviewer), NOW));
    }

    @Test
    void anApprovalWithoutAmountRefundsWhatIsStillRefundableToThePaymentMethod() { // exceptions-within-7-days part 6
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "proof checked", "key_reviewer"))
                .expectEvents(new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW, new Award(EUR_1000,
                        Destination.ORIGINAL_PAYMENT_METHOD, null), Review.of("proof checked", "key_reviewer"), NOW));
    }

    @Test
    void anApprovalWithoutDestinationPaysWhereThePolicySendsApprovalsInReview() { // refill-or-refund: to the balance
        Decision toBalance = new Decision(Outcome.NEEDS_REVIEW, null, Destination.ACCOUNT_BALANCE, null,
                "refill-or-refund", 2, "wrong-service", "A person checks.");
        fixture.given(opened(toBalance, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "our mistake", "key_reviewer"))
                .expectEvents(new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, REQUEST, toBalance,
                        new Award(EUR_1000, Destination.ACCOUNT_BALANCE, null), Review.of("our mistake",
                        "key_reviewer"), NOW));
    }

    @Test
    // final-sale-duplicates-refunded §4: credits or an extension, not money
    void aReviewerMayApproveWithARemedyInsteadOfMoney() {
        Decision.Remedy credits = new Decision.Remedy("SERVICE_CREDIT", null, 40L);
        Actor reviewer = new Actor("key_reviewer", "req-1");
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "credits instead", "key_reviewer",
                        reviewer, credits))
                .expectEvents(new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW, new Award(null,
                        null, credits), new Review("credits instead", "key_reviewer", reviewer), NOW));
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE),
                        new RefundCaseApproved(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW, new Award(null, null,
                                credits), new Review("credits instead", "key_reviewer", reviewer), NOW))
                .andGivenCurrentTime(NOW)
                .when(new ExecuteRefundCase(ID))
                .expectEvents(new RemedyRequested(ID, TENANT, ACCOUNT, "SERVICE_CREDIT", 40L,
                        RefundCase.refundIdOf(ID), CHARGE, NOW));
    }

    @Test
    void aRemedyApprovalPaysNoMoneyAndNeedsItsQuantityOnlyWhereItHasOne() {
        Actor reviewer = new Actor("key_reviewer", "req-1");
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .when(new ApproveRefundCase(ID, TENANT, null, Destination.ACCOUNT_BALANCE, EUR_1000, "n", "r",
                        reviewer, new Decision.Remedy("SERVICE_CREDIT", null, 40L)))
                .expectNoEvents()
                .expectException(refused(Kind.INVALID, "validation-failed"));
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "n", "r", reviewer,
                        new Decision.Remedy("SERVICE_CREDIT", null, null)))
                .expectNoEvents()
                .expectException(refused(Kind.INVALID, "validation-failed"));
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "n", "r", reviewer,
                        new Decision.Remedy("SUBSCRIPTION_EXTENSION", null, 3L)))
                .expectNoEvents()
                .expectException(refused(Kind.INVALID, "validation-failed"));
        // a refill re-delivers a purchase; this case is about a charge
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "n", "r", reviewer,
                        new Decision.Remedy("REFILL", null, 3L)))
                .expectNoEvents()
                .expectException(refused(Kind.INVALID, "validation-failed"));
    }

    @Test
    void aReviewerCannotApproveMoreThanIsStillRefundable() { // never raised above the remainder
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .when(new ApproveRefundCase(ID, TENANT, Money.of(1200, "EUR"), null, EUR_1000, "n", "r"))
                .expectNoEvents()
                .expectException(refused(Kind.REFUSED, "amount-exceeds-refundable"));
    }

    @Test
    void aCaseIsDecidedOnlyOnce() { // decide a case twice → 409
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE),
                        new RefundCaseRejected(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW, Review.of("no", "r"), NOW))
                .when(new ApproveRefundCase(ID, TENANT, null, null, EUR_1000, "changed my mind", "r"))
                .expectNoEvents()
                .expectException(refused(Kind.CONFLICT, "case-already-decided"));
    }

    @Test
    void aCaseDecidedByThePolicyCannotBeReviewed() {
        Decision denied = new Decision(Outcome.DENIED, null, null, null, "exceptions-within-7-days", 1,
                "outside-window", "Too late.");
        fixture.given(opened(denied, RefundCaseStatus.DENIED, null))
                .when(new RejectRefundCase(ID, TENANT, "again", "r"))
                .expectNoEvents()
                .expectException(refused(Kind.CONFLICT, "case-already-decided"));
    }

    @Test
    void aReviewerRejectsWithANote() { // the result is notified whether approved or rejected
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new RejectRefundCase(ID, TENANT, "the report is for another card", "key_reviewer"))
                .expectEvents(new RefundCaseRejected(ID, TENANT, ACCOUNT, CHARGE, REQUEST, REVIEW,
                        Review.of("the report is for another card", "key_reviewer"), NOW));
    }

    @Test
    void anotherTenantCannotDecideTheCase() {
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .when(new RejectRefundCase(ID, "panel", "no", "r"))
                .expectNoEvents()
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }

    @Test
    void evidenceCanBeAddedWhileInReview() { // exceptions-within-7-days part 3: evidence may be requested
        Evidence bank = new Evidence(Evidence.EvidenceKind.BANK_PROOF, "statement-11");
        fixture.given(opened(REVIEW, RefundCaseStatus.IN_REVIEW, DUE))
                .andGivenCurrentTime(NOW)
                .when(new AddEvidence(ID, TENANT, bank))
                .expectEvents(new EvidenceAdded(ID, TENANT, bank, NOW));
    }

    @Test
    void aReviewPastItsDeadlineEscalates() { // exceptions-within-7-days part 5: reviewed within 3–5 business days
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(open(REVIEW, DUE))
                .whenThenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectTriggeredDeadlines(new ReviewDue(ID))
                .expectEvents(new ReviewEscalated(ID, TENANT, ACCOUNT, DUE, DUE));
    }

    @Test
    void aDecidedCaseDoesNotEscalate() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(open(REVIEW, DUE),
                        new RejectRefundCase(ID, TENANT, "no", "r"))
                .whenThenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    private static OpenRefundCase open(Decision decision, Instant reviewDueBy) {
        return new OpenRefundCase(ID, TENANT, ACCOUNT, REQUEST, CHARGE, "stolen card", EVIDENCE, decision, EUR_1000,
                reviewDueBy, false);
    }

    private static RefundCaseOpened opened(Decision decision, RefundCaseStatus status, Instant reviewDueBy) {
        return new RefundCaseOpened(ID, TENANT, ACCOUNT, REQUEST, CHARGE, new Claim("stolen card", EVIDENCE),
                new Assessment(decision, status, reviewDueBy), NOW, SubscriptionCancellation.ofTarget(false, REQUEST));
    }
}
