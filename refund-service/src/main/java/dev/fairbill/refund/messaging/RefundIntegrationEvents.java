package dev.fairbill.refund.messaging;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.refund.RefundCaseDecidedV1;
import dev.fairbill.contracts.refund.RefundReviewEscalatedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.ReviewEscalated;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RefundRequest;

/**
 * refund-service's public contract: every decision on a case, by the policy or by a reviewer, approved or rejected
 * alike, so the customer is told the result either way, and review escalations.
 */
@Component
public class RefundIntegrationEvents implements IntegrationEventMapper {

    static final String POLICY = "POLICY";
    static final String REVIEWER = "REVIEWER";

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case RefundCaseOpened e -> decided(new RefundCaseDecidedV1(e.caseId().value(), e.accountId(), e.tenant(),
                    kind(e.request()), e.request().target().id(), e.chargeId(), e.request().reason().name(),
                    e.decision().outcome().name(), e.status().name(), money(e.decision().amount()),
                    name(e.decision().destination()), remedyKind(e.decision()), remedyCredits(e.decision()),
                    e.decision().policyId(), e.decision().policyVersion(), e.decision().clause(),
                    e.decision().explanation(), POLICY, e.reviewDueBy(), e.openedAt()));
            case RefundCaseApproved e -> decided(new RefundCaseDecidedV1(e.caseId().value(), e.accountId(),
                    e.tenant(), kind(e.request()), e.request().target().id(), e.chargeId(),
                    e.request().reason().name(), (e.remedy() == null ? Decision.Outcome.APPROVED
                            : Decision.Outcome.REMEDY).name(), "APPROVED", money(e.amount()),
                    name(e.destination()), e.remedy() == null ? null : e.remedy().kind(),
                    e.remedy() == null ? null : e.remedy().credits(), e.policyDecision().policyId(),
                    e.policyDecision().policyVersion(), e.policyDecision().clause(), e.note(), REVIEWER, null,
                    e.approvedAt()));
            case RefundCaseRejected e -> decided(new RefundCaseDecidedV1(e.caseId().value(), e.accountId(),
                    e.tenant(), kind(e.request()), e.request().target().id(), e.chargeId(),
                    e.request().reason().name(), Decision.Outcome.DENIED.name(), "DENIED", null, null, null, null,
                    e.policyDecision().policyId(), e.policyDecision().policyVersion(), e.policyDecision().clause(),
                    e.note(), REVIEWER, null, e.rejectedAt()));
            case ReviewEscalated e -> Optional.of(new IntegrationMessage(Topics.REFUND_EVENTS,
                    RefundReviewEscalatedV1.TYPE, e.accountId(), new RefundReviewEscalatedV1(e.caseId().value(),
                    e.accountId(), e.tenant(), e.reviewDueBy(), e.escalatedAt())));
            default -> Optional.empty();
        };
    }

    private static Optional<IntegrationMessage> decided(RefundCaseDecidedV1 data) {
        return Optional.of(new IntegrationMessage(Topics.REFUND_EVENTS, RefundCaseDecidedV1.TYPE, data.accountId(),
                data));
    }

    private static String kind(RefundRequest request) {
        return request.target().kind().name();
    }

    static MoneyAmount money(Money money) {
        return money == null ? null : new MoneyAmount(money.amount(), money.currency().getCurrencyCode());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String remedyKind(Decision decision) {
        return decision.remedy() == null ? null : decision.remedy().kind();
    }

    private static Long remedyCredits(Decision decision) {
        return decision.remedy() == null ? null : decision.remedy().credits();
    }
}
