package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.messaging.WireMoney.wire;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFlaggedDuplicate;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundReversed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeFailedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundReversedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.ledger.ApplyCashBalanceRequestedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;

/**
 * The charge part of billing's public contract, and the charge's request to the ledger to pay it from the account's
 * cash balance first (ADR 0010). Dispute facts are published by the Dispute aggregate's mapper.
 */
@Component
public class ChargeIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case ChargeAwaitingBalance e -> Optional.of(new IntegrationMessage(Topics.LEDGER_REQUESTS,
                    ApplyCashBalanceRequestedV1.TYPE, e.accountId().value(), new ApplyCashBalanceRequestedV1(
                    e.chargeId().value(), e.accountId().value(), e.tenant(), wire(e.amount()))));
            case ChargeCaptured e -> message(ChargeCapturedV1.TYPE, e.accountId().value(), new ChargeCapturedV1(
                    e.chargeId().value(), e.accountId().value(), e.tenant(), wire(e.amount()), e.description(),
                    value(e.subscriptionId()), e.billingPeriodStart(), value(e.purchaseId()), e.processor(),
                    e.processorChargeId(), e.capturedAt(), wire(e.paidFromBalance())));
            case ChargeFailed e -> message(ChargeFailedV1.TYPE, e.accountId().value(), new ChargeFailedV1(
                    e.chargeId().value(), e.accountId().value(), e.tenant(), wire(e.amount()), e.description(),
                    value(e.subscriptionId()), e.billingPeriodStart(), value(e.purchaseId()), e.processor(),
                    e.failureCode(), e.failedAt(), wire(e.paidFromBalance())));
            case ChargeRefunded e -> message(ChargeRefundedV1.TYPE, e.accountId().value(), new ChargeRefundedV1(
                    e.chargeId().value(), e.accountId().value(), e.tenant(), e.refundId(), wire(e.amount()),
                    wire(e.amountRefunded()), e.processorRefundId(), e.reason(), e.refundedAt(),
                    e.toBalance() == null || e.toBalance().isZero() ? null : wire(e.toBalance())));
            case ChargeRefundFailed e -> message(ChargeRefundFailedV1.TYPE, e.accountId().value(),
                    new ChargeRefundFailedV1(e.chargeId().value(), e.accountId().value(), e.tenant(), e.refundId(),
                            wire(e.amount()), e.failureCode(), e.failedAt()));
            case ChargeRefundReversed e -> message(ChargeRefundReversedV1.TYPE, e.accountId().value(),
                    new ChargeRefundReversedV1(e.chargeId().value(), e.accountId().value(), e.tenant(), e.refundId(),
                            wire(e.amount()), wire(e.amountRefunded()), e.processorRefundId(), e.failureCode(),
                            e.reversedAt()));
            case ChargeFlaggedDuplicate e -> message(ChargeFlaggedDuplicateV1.TYPE, e.accountId().value(),
                    new ChargeFlaggedDuplicateV1(e.chargeId().value(), e.accountId().value(), e.tenant(),
                            e.duplicateOf().value(), e.rule().name(), wire(e.amount()), e.flaggedAt()));
            default -> Optional.empty();
        };
    }

    private static Optional<IntegrationMessage> message(String type, String accountId, Object data) {
        return Optional.of(new IntegrationMessage(Topics.BILLING_EVENTS, type, accountId, data));
    }

    private static String value(SubscriptionId id) {
        return id == null ? null : id.value();
    }

    private static String value(PurchaseId id) {
        return id == null ? null : id.value();
    }
}
