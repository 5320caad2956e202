package dev.fairbill.refund.messaging;

import static dev.fairbill.refund.messaging.RefundIntegrationEvents.money;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.CancelSubscriptionRequestedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.contracts.ledger.GrantCreditsRequestedV1;
import dev.fairbill.contracts.refund.RefillRequestedV1;
import dev.fairbill.contracts.refund.RefundCaseSettledV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;
import dev.fairbill.refund.refundcase.RefundCaseEvents.PayoutRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyRequested;
import dev.fairbill.refund.refundcase.RefundCaseEvents.SubscriptionCancellationRequested;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.RemedyKind;

/**
 * The refund execution saga's requests to billing and the ledger, and the settled cases, as the publisher sends them
 * (the event store is the outbox). A payout to the original payment method is a refund of the charge; one to the
 * account balance is a {@code REFUND_BALANCE} lot in the charge's currency, withdrawable to that charge later.
 */
@Component
public class RefundExecutionIntegrationEvents implements IntegrationEventMapper {

    static final String CREDIT = "CREDIT";

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return Optional.ofNullable(switch (domainEvent) {
            case PayoutRequested e when e.destination() == Destination.ORIGINAL_PAYMENT_METHOD ->
                    new IntegrationMessage(Topics.BILLING_REQUESTS, RefundChargeRequestedV1.TYPE, e.accountId(),
                            new RefundChargeRequestedV1(e.refundId(), e.chargeId(), e.accountId(), e.tenant(),
                                    money(e.amount()), e.reason()));
            case PayoutRequested e -> new IntegrationMessage(Topics.LEDGER_REQUESTS, GrantCreditsRequestedV1.TYPE,
                    e.accountId(), new GrantCreditsRequestedV1(e.refundId(), e.accountId(), e.tenant(),
                    e.amount().amount(), e.amount().currency().getCurrencyCode(), "REFUND_BALANCE", null,
                    e.caseId().value(), e.chargeId()));
            case RemedyRequested e when RemedyKind.SERVICE_CREDIT.name().equals(e.kind()) && e.credits() != null ->
                    new IntegrationMessage(Topics.LEDGER_REQUESTS, GrantCreditsRequestedV1.TYPE, e.accountId(),
                            new GrantCreditsRequestedV1(e.operationId(), e.accountId(), e.tenant(), e.credits(),
                                    CREDIT, RemedyKind.SERVICE_CREDIT.name(), null, e.caseId().value(), null));
            case RemedyRequested e when RemedyKind.REFILL.name().equals(e.kind()) ->
                    new IntegrationMessage(Topics.REFUND_EVENTS, RefillRequestedV1.TYPE, e.accountId(),
                            new RefillRequestedV1(e.operationId(), e.caseId().value(), e.accountId(), e.tenant(),
                                    e.targetId(), e.credits() == null ? 0 : e.credits(), e.requestedAt()));
            case SubscriptionCancellationRequested e -> new IntegrationMessage(Topics.BILLING_REQUESTS,
                    CancelSubscriptionRequestedV1.TYPE, e.accountId(), new CancelSubscriptionRequestedV1(
                    e.subscriptionId(), e.tenant(), "refund case " + e.caseId().value() + " approved"));
            case RefundPaidOut e -> settled(new RefundCaseSettledV1(e.caseId().value(), e.accountId(), e.tenant(),
                    "COMPLETED", money(e.amount()), e.destination().name(), e.refundId(), null, null, e.paidAt()));
            case RemedyApplied e -> settled(new RefundCaseSettledV1(e.caseId().value(), e.accountId(), e.tenant(),
                    "REMEDIED", null, null, null, e.kind(), null, e.appliedAt()));
            case RefundExecutionFailed e -> settled(new RefundCaseSettledV1(e.caseId().value(), e.accountId(),
                    e.tenant(), "FAILED", null, null, e.refundId(), null, e.failureCode(), e.failedAt()));
            default -> null;
        });
    }

    private static IntegrationMessage settled(RefundCaseSettledV1 data) {
        return new IntegrationMessage(Topics.REFUND_EVENTS, RefundCaseSettledV1.TYPE, data.accountId(), data);
    }
}
