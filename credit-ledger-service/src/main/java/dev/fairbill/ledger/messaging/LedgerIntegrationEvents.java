package dev.fairbill.ledger.messaging;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.contracts.ledger.CashBalanceAppliedV1;
import dev.fairbill.contracts.ledger.CashBalanceChangedV1;
import dev.fairbill.contracts.ledger.CashWithdrawalCompletedV1;
import dev.fairbill.contracts.ledger.CashWithdrawalFailedV1;
import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.contracts.ledger.CreditsRemovedV1;
import dev.fairbill.contracts.ledger.CreditsTransferredV1;
import dev.fairbill.contracts.ledger.LedgerFrozenV1;
import dev.fairbill.contracts.ledger.LedgerUnfrozenV1;
import dev.fairbill.contracts.ledger.LotAllocationV1;
import dev.fairbill.contracts.ledger.LotGrantedV1;
import dev.fairbill.contracts.ledger.TierChangedV1;
import dev.fairbill.ledger.ledger.Allocation;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceApplied;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerFrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerUnfrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.LedgerEvents.TierChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;
import dev.fairbill.platform.money.Money;

/**
 * The ledger's public contract: its facts on {@code fairbill.ledger.events.v1}, and the refunds a withdrawal asks
 * billing for on {@code fairbill.billing.requests.v1}. Holds placed or released, overdraft settlements and cash
 * restorations are internal; their effect on the cash balance is published as {@link CashBalanceChangedV1}.
 */
@Component
public class LedgerIntegrationEvents implements IntegrationEventMapper {

    /** Why billing refunds a charge for a withdrawal. */
    static final String WITHDRAWAL_REASON = RefundChargeRequestedV1.CASH_WITHDRAWAL;

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return switch (domainEvent) {
            case LotGranted e -> fact(LotGrantedV1.TYPE, e.ledgerId(), new LotGrantedV1(account(e.ledgerId()),
                    e.tenant(), e.lotId().value(), e.unit().value(), e.source().name(), e.amount(), e.expiresAt(),
                    e.reference(), e.chargeId(), requesterOperationId(e.operationId()), e.grantedAt()));
            case CreditsConsumed e -> fact(CreditsConsumedV1.TYPE, e.ledgerId(), new CreditsConsumedV1(
                    account(e.ledgerId()), e.tenant(), e.consumptionId(), e.reference(), e.amount(),
                    allocations(e.allocations()), e.balanceAfter(), e.consumedAt()));
            case HoldCaptured e -> fact(CreditsConsumedV1.TYPE, e.ledgerId(), new CreditsConsumedV1(
                    account(e.ledgerId()), e.tenant(), e.holdId().value(), e.reference(), e.amount(),
                    allocations(e.captured()), e.balanceAfter(), e.capturedAt()));
            case LotRemoved e -> fact(CreditsRemovedV1.TYPE, e.ledgerId(), new CreditsRemovedV1(
                    account(e.ledgerId()), e.tenant(), e.lotId().value(), e.unit().value(), e.source().name(),
                    e.amount(), e.kind().name(), e.reference(), e.removedAt()));
            case LedgerFrozen e when !e.wasFrozen() -> fact(LedgerFrozenV1.TYPE, e.ledgerId(), new LedgerFrozenV1(
                    account(e.ledgerId()), e.tenant(), e.reason(), e.reference(), e.frozenAt()));
            case LedgerUnfrozen e when !e.stillFrozen() -> fact(LedgerUnfrozenV1.TYPE, e.ledgerId(),
                    new LedgerUnfrozenV1(account(e.ledgerId()), e.tenant(), e.reason(), e.reference(),
                            e.unfrozenAt()));
            case CreditsTransferred e -> fact(CreditsTransferredV1.TYPE, e.ledgerId(), new CreditsTransferredV1(
                    e.transferId(), account(e.ledgerId()), account(e.toLedgerId()), e.tenant(), e.amount(),
                    e.transferredAt()));
            case TierChanged e -> fact(TierChangedV1.TYPE, e.ledgerId(), new TierChangedV1(account(e.ledgerId()),
                    e.tenant(), e.tier(), e.lifetimePurchased(), e.changedAt(), e.subResellersAllowed()));
            case CashBalanceChanged e -> fact(CashBalanceChangedV1.TYPE, e.ledgerId(), new CashBalanceChangedV1(
                    account(e.ledgerId()), e.tenant(), money(e.balance()), e.version(), e.changedAt()));
            case CashBalanceApplied e -> fact(CashBalanceAppliedV1.TYPE, e.ledgerId(), new CashBalanceAppliedV1(
                    e.chargeId(), account(e.ledgerId()), e.tenant(), money(e.requested()), money(e.applied()),
                    e.appliedAt()));
            case WithdrawalRefundRequested e -> Optional.of(new IntegrationMessage(Topics.BILLING_REQUESTS,
                    RefundChargeRequestedV1.TYPE, account(e.ledgerId()), new RefundChargeRequestedV1(e.refundId(),
                    e.chargeId(), account(e.ledgerId()), e.tenant(), money(e.amount()), WITHDRAWAL_REASON)));
            case CashWithdrawalSettled e when e.restored().isZero() -> fact(CashWithdrawalCompletedV1.TYPE,
                    e.ledgerId(), new CashWithdrawalCompletedV1(e.withdrawalId(), account(e.ledgerId()), e.tenant(),
                            money(e.paid()), e.settledAt()));
            case CashWithdrawalSettled e -> fact(CashWithdrawalFailedV1.TYPE, e.ledgerId(),
                    new CashWithdrawalFailedV1(e.withdrawalId(), account(e.ledgerId()), e.tenant(),
                            money(e.restored()), e.failureCode(), e.settledAt()));
            default -> Optional.empty();
        };
    }

    private static Optional<IntegrationMessage> fact(String type, LedgerId ledger, Object data) {
        return Optional.of(new IntegrationMessage(Topics.LEDGER_EVENTS, type, account(ledger), data));
    }

    private static String account(LedgerId ledger) {
        return ledger.accountId();
    }

    private static MoneyAmount money(Money money) {
        return new MoneyAmount(money.amount(), money.currency().getCurrencyCode());
    }

    private static List<LotAllocationV1> allocations(List<Allocation> allocations) {
        return allocations.stream().map(a -> new LotAllocationV1(a.lotId().value(), a.amount())).toList();
    }

    /** A requested grant answers with the requester's own operation id, so the requester can match the answer. */
    private static String requesterOperationId(String operationId) {
        return operationId.startsWith(RefundEventHandlers.REQUESTED)
                ? operationId.substring(RefundEventHandlers.REQUESTED.length()) : operationId;
    }
}
