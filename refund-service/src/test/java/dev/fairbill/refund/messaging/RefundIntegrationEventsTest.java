package dev.fairbill.refund.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.refund.RefundCaseDecidedV1;
import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.Decision.Outcome;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;
import dev.fairbill.refund.policy.RefundRequest;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Award;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.Review;

/** A reviewer's decision is published whatever it grants: money to a destination, or a remedy instead. */
class RefundIntegrationEventsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final RefundRequest REQUEST = new RefundRequest(RefundReason.CHANGE_OF_MIND,
            new Target(TargetKind.PURCHASE, "pur_1"), null, List.of());
    private static final Decision REVIEW = new Decision(Outcome.NEEDS_REVIEW, null, Destination.ACCOUNT_BALANCE,
            null, "refill-or-refund", 2, "change-of-mind-before-start", "A person reviews it.");

    private final RefundIntegrationEvents events = new RefundIntegrationEvents();

    @Test
    void anApprovalWithMoneyNamesItsAmountAndDestination() {
        RefundCaseDecidedV1 decided = decided(new RefundCaseApproved(RefundCaseId.of("rc_1"), "smm", "acct_1", null,
                REQUEST, REVIEW, new Award(Money.of(2000, "EUR"), Destination.ACCOUNT_BALANCE, null), Review.of("ok",
                "key_review"), AT));

        assertThat(decided.outcome()).isEqualTo("APPROVED");
        assertThat(decided.amount()).isEqualTo(new MoneyAmount(2000, "EUR"));
        assertThat(decided.destination()).isEqualTo("ACCOUNT_BALANCE");
        assertThat(decided.remedyKind()).isNull();
    }

    @Test
    void anApprovalWithARemedyIsPublishedAsARemedyWithoutMoney() {
        RefundCaseDecidedV1 decided = decided(new RefundCaseApproved(RefundCaseId.of("rc_1"), "smm", "acct_1", null,
                REQUEST, REVIEW, new Award(null, null, new Decision.Remedy("SERVICE_CREDIT", null, 300L)),
                new Review("credits instead", "key_review", Actor.service()), AT));

        assertThat(decided.outcome()).isEqualTo("REMEDY");
        assertThat(decided.status()).isEqualTo("APPROVED");
        assertThat(decided.amount()).isNull();
        assertThat(decided.destination()).isNull();
        assertThat(decided.remedyKind()).isEqualTo("SERVICE_CREDIT");
        assertThat(decided.remedyCredits()).isEqualTo(300L);
        assertThat(decided.decidedBy()).isEqualTo("REVIEWER");
    }

    private RefundCaseDecidedV1 decided(Object domainEvent) {
        return (RefundCaseDecidedV1) events.toIntegrationMessage(domainEvent).orElseThrow().data();
    }
}
