package dev.fairbill.refund.refundcase;

import static dev.fairbill.platform.testsupport.StoredEvents.readThrough;
import static dev.fairbill.platform.testsupport.StoredEvents.writtenFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Award;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Payout;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Review;

/**
 * Case events stored at revision 1, which listed a case's claim, assessment, cancellation, award, review and payout
 * field by field, read back at revision 2 with the same values; revision 2 writes them as values.
 */
class RefundCaseEventsTest {

    private static final String CASE = """
            "caseId": "rc_1", "tenant": "panel", "accountId": "acct_1", "chargeId": "ch_1",
            "request": {"reason": "DUPLICATE_CHARGE", "target": {"kind": "SUBSCRIPTION", "id": "sub_1"},
             "requestedAmount": null, "evidenceKinds": []},""";
    private static final String DECISION = """
            {"outcome": "NEEDS_REVIEW", "amount": {"amount": 1000, "currency": "EUR"}, "destination": null,
             "remedy": null, "policyId": "final-sale-reseller", "policyVersion": 1, "clause": "c", "explanation": "e"}""";

    @Test
    void anOpeningStoredAtRevisionOneReadsWithItsClaimAssessmentAndCancellation() {
        RefundCaseOpened opened = readThrough(new RefundCaseUpcaster(), "refund.RefundCaseOpened", "1", "{" + CASE
                + """
                "explanation": "charged twice", "evidence": [{"kind": "ORDER_DETAILS", "reference": "o-1"}],
                "decision": %s, "status": "IN_REVIEW", "reviewDueBy": "2026-11-08T00:00:00Z",
                "openedAt": "2026-11-01T00:00:00Z", "cancelsSubscription": true, "subscriptionToCancel": "sub_1"}"""
                .formatted(DECISION), "2", RefundCaseOpened.class);

        assertThat(opened.explanation()).isEqualTo("charged twice");
        assertThat(opened.evidence()).containsExactly(new Evidence(Evidence.EvidenceKind.ORDER_DETAILS, "o-1"));
        assertThat(opened.decision().outcome()).isEqualTo(Decision.Outcome.NEEDS_REVIEW);
        assertThat(opened.status()).isEqualTo(RefundCaseStatus.IN_REVIEW);
        assertThat(opened.reviewDueBy()).isEqualTo(Instant.parse("2026-11-08T00:00:00Z"));
        assertThat(opened.cancelsSubscription()).isTrue();
        assertThat(opened.subscriptionToCancel()).isEqualTo("sub_1");
    }

    @Test
    void anOpeningStoredBeforeCancellationsWereRecordedCancelsNothing() {
        RefundCaseOpened opened = readThrough(new RefundCaseUpcaster(),
                "dev.fairbill.refund.domain.RefundCaseEvents$RefundCaseOpened", "1", "{" + CASE + """
                "explanation": null, "evidence": [], "decision": %s, "status": "IN_REVIEW", "reviewDueBy": null,
                "openedAt": "2026-11-01T00:00:00Z"}""".formatted(DECISION), "2", RefundCaseOpened.class);

        assertThat(opened.cancelsSubscription()).isFalse();
        assertThat(opened.subscriptionToCancel()).isNull();
        assertThat(opened.evidence()).isEmpty();
    }

    @Test
    void anApprovalStoredAtRevisionOneReadsWithItsAwardAndReview() {
        RefundCaseApproved approved = readThrough(new RefundCaseUpcaster(), "refund.RefundCaseApproved", "1", "{"
                + CASE + """
                "policyDecision": %s, "amount": {"amount": 800, "currency": "EUR"}, "destination": "ACCOUNT_BALANCE",
                "note": "partly", "reviewer": "key_reviewer", "approvedAt": "2026-11-02T00:00:00Z",
                "actor": {"keyId": "key_reviewer", "requestId": "req-1"}}""".formatted(DECISION), "2",
                RefundCaseApproved.class);

        assertThat(approved.award()).isEqualTo(Award.money(Money.of(800, "EUR"), Decision.Destination.ACCOUNT_BALANCE));
        assertThat(approved.review()).isEqualTo(new Review("partly", "key_reviewer",
                new Actor("key_reviewer", "req-1")));
        assertThat(approved.remedy()).isNull();
        assertThat(approved.approvedAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void aRejectionStoredBeforeActorsWereKeptReadsWithoutOne() {
        RefundCaseRejected rejected = readThrough(new RefundCaseUpcaster(), "refund.RefundCaseRejected", "1", "{"
                + CASE + """
                "policyDecision": %s, "note": "no proof", "reviewer": "key_reviewer",
                "rejectedAt": "2026-11-02T00:00:00Z"}""".formatted(DECISION), "2", RefundCaseRejected.class);

        assertThat(rejected.note()).isEqualTo("no proof");
        assertThat(rejected.reviewer()).isEqualTo("key_reviewer");
        assertThat(rejected.actor()).isNull();
    }

    @Test
    void aPayoutRequestStoredAtRevisionOneReadsWithItsPayout() {
        PayoutRequested requested = readThrough(new RefundCaseUpcaster(), "refund.PayoutRequested", "1", """
                {"caseId": "rc_1", "tenant": "panel", "accountId": "acct_1", "chargeId": "ch_1", "refundId": "rf_1",
                 "amount": {"amount": 800, "currency": "EUR"}, "destination": "ORIGINAL_PAYMENT_METHOD",
                 "attempt": 2, "reason": "DUPLICATE_CHARGE", "requestedAt": "2026-11-02T00:00:00Z"}""", "2",
                PayoutRequested.class);

        assertThat(requested.payout()).isEqualTo(new Payout(Money.of(800, "EUR"),
                Decision.Destination.ORIGINAL_PAYMENT_METHOD));
        assertThat(requested.refundId()).isEqualTo("rf_1");
        assertThat(requested.attempt()).isEqualTo(2);
    }

    @Test
    void revisionTwoWritesTheAwardAndReviewAsValues() {
        var approved = new RefundCaseApproved(null, "panel", "acct_1", "ch_1", null, null,
                Award.money(Money.of(800, "EUR"), Decision.Destination.ACCOUNT_BALANCE), Review.of("ok", "key_r"),
                Instant.EPOCH);

        assertThat(writtenFields(approved)).containsExactlyInAnyOrder("caseId", "tenant", "accountId", "chargeId",
                "request", "policyDecision", "award", "review", "approvedAt");
    }
}
