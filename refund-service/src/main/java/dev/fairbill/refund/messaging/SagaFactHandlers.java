package dev.fairbill.refund.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.DisputeClosedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.RefillFulfilmentChangedV1;
import dev.fairbill.contracts.billing.SubscriptionCancellationScheduledV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.ledger.LotGrantedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.query.FactStore;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundFailureReported;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundReported;
import dev.fairbill.refund.saga.ReportedFacts.DisputeCloseReported;
import dev.fairbill.refund.saga.ReportedFacts.DisputeOpenReported;
import dev.fairbill.refund.saga.ReportedFacts.LotGrantReported;

/**
 * The facts the sagas act on. Each is applied once through the inbox, and in the same transaction it updates
 * refund-service's facts and is published on its own event bus for the sagas, or opens
 * the refund case the fact calls for.
 */
@Configuration(proxyBeanMethods = false)
class SagaFactHandlers {

    @Bean
    InboundHandler<AccountOpenedV1> accountOpened(FactStore facts) {
        return InboundHandler.of(AccountOpenedV1.TYPE, AccountOpenedV1.class, opened ->
                facts.accountOpened(opened.accountId(), opened.tenant(), opened.role(), opened.parentAccountId()));
    }

    @Bean
    InboundHandler<ChargeRefundedV1> chargeRefunded(FactStore facts, EventGateway events) {
        return InboundHandler.of(ChargeRefundedV1.TYPE, ChargeRefundedV1.class, refunded -> {
            facts.chargeRefunded(refunded.chargeId(), refunded.amountRefunded().amount());
            if (isOurs(refunded.refundId())) {
                events.publish(new ChargeRefundReported(refunded.refundId(), refunded.chargeId(),
                        refunded.accountId(), money(refunded.amount()), refunded.refundedAt(),
                        refunded.toBalance() == null ? Money.zero(money(refunded.amount()).currency())
                                : money(refunded.toBalance())));
            }
        });
    }

    @Bean
    InboundHandler<ChargeRefundFailedV1> chargeRefundFailed(EventGateway events) {
        return InboundHandler.of(ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class, failed -> {
            if (isOurs(failed.refundId())) {
                events.publish(new ChargeRefundFailureReported(failed.refundId(), failed.chargeId(),
                        failed.failureCode(), failed.failedAt()));
            }
        });
    }

    @Bean
    InboundHandler<LotGrantedV1> lotGranted(EventGateway events) {
        return InboundHandler.of(LotGrantedV1.TYPE, LotGrantedV1.class, granted -> {
            if (isOurs(granted.operationId())) {
                events.publish(new LotGrantReported(granted.operationId(), granted.accountId(), granted.lotId(),
                        granted.grantedAt()));
            }
        });
    }

    /**
     * A refill a remedy asked for was delivered: its case is remedied now, not when the refill was requested. A
     * partial or failed refill leaves the case executing for an operator to finish.
     */
    @Bean
    InboundHandler<RefillFulfilmentChangedV1> refillChanged(FactStore facts, CommandGateway commands) {
        return InboundHandler.of(RefillFulfilmentChangedV1.TYPE, RefillFulfilmentChangedV1.class, changed -> {
            facts.refillChanged(changed.purchaseId(), changed.currentCount());
            if ("COMPLETED".equals(changed.status())) {
                commands.sendAndWait(new CompleteRemedy(RefundCaseId.of(changed.caseId()), null, "Refill "
                        + changed.refillId() + " delivered: " + changed.delivered() + " units.", "system"));
            }
        });
    }

    /** Saga 2: a flagged duplicate is reversed automatically; never the original. */
    @Bean
    InboundHandler<ChargeFlaggedDuplicateV1> chargeFlaggedDuplicate(FactStore facts, AutomaticRefundCases cases) {
        return InboundHandler.of(ChargeFlaggedDuplicateV1.TYPE, ChargeFlaggedDuplicateV1.class, flagged -> {
            facts.chargeFlaggedDuplicate(flagged.chargeId(), flagged.duplicateOf());
            cases.reverseDuplicate(flagged.tenant(), flagged.accountId(), flagged.chargeId(), flagged.duplicateOf(),
                    flagged.flaggedAt());
        });
    }

    @Bean
    InboundHandler<DisputeOpenedV1> disputeOpened(FactStore facts, EventGateway events) {
        return InboundHandler.of(DisputeOpenedV1.TYPE, DisputeOpenedV1.class, opened -> {
            facts.disputeOpened(opened.chargeId());
            events.publish(new DisputeOpenReported(opened.disputeId(), opened.chargeId(), opened.accountId(),
                    opened.tenant(), money(opened.amount()), opened.reason(), opened.dueBy(), opened.openedAt(),
                    facts.subResellersOf(opened.tenant(), opened.accountId())));
        });
    }

    @Bean
    InboundHandler<DisputeClosedV1> disputeClosed(FactStore facts, EventGateway events) {
        return InboundHandler.of(DisputeClosedV1.TYPE, DisputeClosedV1.class, closed -> {
            facts.disputeClosed(closed.chargeId(), "WON".equals(closed.outcome()));
            events.publish(new DisputeCloseReported(closed.disputeId(), closed.chargeId(), closed.accountId(),
                    closed.tenant(), closed.outcome(), money(closed.amount()), closed.closedAt()));
        });
    }

    /** Saga 1: "cancel and refund me" — the cancellation is billing's; the refund case is decided here. */
    @Bean
    InboundHandler<SubscriptionCancellationScheduledV1> subscriptionCancellationScheduled(
            FactStore facts, AutomaticRefundCases cases) {
        return InboundHandler.of(SubscriptionCancellationScheduledV1.TYPE, SubscriptionCancellationScheduledV1.class,
                s -> {
                    facts.subscriptionStatus(s.subscriptionId(), "CANCELLATION_SCHEDULED");
                    if (s.refundRequested() && s.refundCaseId() != null) {
                        cases.refundCancelledSubscription(s.refundCaseId(), s.tenant(), s.accountId(),
                                s.subscriptionId(), s.refundReason(), s.requestedAt());
                    }
                });
    }

    @Bean
    InboundHandler<SubscriptionCancelledV1> subscriptionCancelled(FactStore facts, AutomaticRefundCases cases) {
        return InboundHandler.of(SubscriptionCancelledV1.TYPE, SubscriptionCancelledV1.class, s -> {
            facts.subscriptionStatus(s.subscriptionId(), "CANCELLED");
            if (s.refundRequested() && s.refundCaseId() != null) {
                cases.refundCancelledSubscription(s.refundCaseId(), s.tenant(), s.accountId(), s.subscriptionId(),
                        s.refundReason(), s.cancelledAt());
            }
        });
    }

    /** Refund ids and grant operations refund-service asked for itself: only those are a saga's answer. */
    private static boolean isOurs(String refundId) {
        return refundId != null && Ids.isValid(IdPrefix.REFUND, refundId);
    }

    private static Money money(MoneyAmount amount) {
        return amount == null ? null : Money.of(amount.amount(), amount.currency());
    }
}
