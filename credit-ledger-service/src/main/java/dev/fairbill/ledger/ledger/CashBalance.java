package dev.fairbill.ledger.ledger;

import static dev.fairbill.ledger.ledger.Allocations.sum;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import dev.fairbill.ledger.ledger.LedgerCommands.ApplyCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefund;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefundReversal;
import dev.fairbill.ledger.ledger.LedgerCommands.RestoreCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.WithdrawCashBalance;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceApplied;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceRestored;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalStarted;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundFailed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundPaid;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundReversed;
import dev.fairbill.ledger.ledger.LotBook.Lot;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;

/**
 * A ledger's cash balance ({@code REFUND_BALANCE} lots per currency): what it paid of which charge and gave back when
 * the charge failed, its published version, and withdrawals to the original payment method, part by part. Part of
 * {@link CreditLedger}: it decides within the ledger's command and records through the ledger's events; snapshots
 * keep its fields among the ledger's own, under the names they had before it was a part.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class CashBalance {

    private long cashVersion;
    private Map<String, List<Allocation>> cashApplied = new HashMap<>();
    private Set<String> cashRestored = new HashSet<>();
    private Set<String> withdrawals = new HashSet<>();
    private Map<String, WithdrawalPart> pendingWithdrawalParts = new LinkedHashMap<>();
    private Map<String, WithdrawalTally> withdrawalTallies = new HashMap<>();
    /** Withdrawal parts billing reported paid, by refund id: the processor may still reverse one. */
    private Map<String, WithdrawalPart> paidWithdrawalParts = new HashMap<>();

    /**
     * The next charges of the account use cash balance first. Answers once per charge, with what was applied —
     * possibly nothing (no balance, or the ledger is frozen).
     */
    void applyTo(CreditLedger ledger, ApplyCashBalance command, Instant now) {
        if (cashApplied.containsKey(command.chargeId())) {
            return;
        }
        CreditUnit unit = CreditUnit.of(command.amount().currency());
        List<Allocation> allocations = !ledger.frozen() && command.amount().isPositive()
                ? ledger.lots().allocate(unit, command.amount().amount(), now) : List.of();
        Money applied = new Money(sum(allocations), command.amount().currency());
        apply(new CashBalanceApplied(ledger.id(), ledger.tenant(), command.chargeId(), command.amount(), applied,
                allocations, now));
        if (applied.isPositive()) {
            changed(ledger, unit, now);
        }
    }

    /** The charge failed: what was applied to it comes back, once. */
    void restore(CreditLedger ledger, RestoreCashBalance command, Instant now) {
        List<Allocation> applied = cashApplied.get(command.chargeId());
        if (applied == null || applied.isEmpty() || cashRestored.contains(command.chargeId())) {
            return;
        }
        CreditUnit unit = ledger.lots().lot(applied.getFirst().lotId()).unit();
        apply(new CashBalanceRestored(ledger.id(), ledger.tenant(), command.chargeId(),
                new Money(sum(applied), unit.currency()), applied, now));
        ledger.removeAgainFromClosedLots(applied, now);
        changed(ledger, unit, now);
    }

    /**
     * cooling-off-prorata: cash balance is withdrawable to the original payment method. Each part is refunded on the
     * charge its lot came from; the balance is reduced now, once, and a part whose refund fails comes back.
     */
    void withdraw(CreditLedger ledger, WithdrawCashBalance command, Instant now) {
        if (withdrawals.contains(command.withdrawalId())) {
            return;
        }
        if (!command.amount().isPositive()) {
            throw LedgerRuleViolation.invalid("invalid-amount", "Invalid amount", "A withdrawal must be positive.");
        }
        ledger.requireNotFrozen();
        CreditUnit unit = CreditUnit.of(command.amount().currency());
        List<Lot> withdrawable = ledger.lots().withdrawable(unit, now);
        long available = withdrawable.stream().mapToLong(Lot::remaining).sum();
        if (command.amount().amount() > available) {
            throw LedgerRuleViolation.insufficientBalance(ledger.id(), command.amount(),
                    new Money(available, command.amount().currency()));
        }
        apply(new CashWithdrawalStarted(ledger.id(), ledger.tenant(), command.withdrawalId(), command.amount(), now));
        for (Allocation part : LotBook.allocateFrom(withdrawable, command.amount().amount())) {
            apply(new WithdrawalRefundRequested(ledger.id(), ledger.tenant(), command.withdrawalId(),
                    Ids.derive(IdPrefix.REFUND, command.withdrawalId() + "/" + part.lotId()),
                    ledger.lots().lot(part.lotId()).chargeId(), part, new Money(part.amount(), unit.currency()), now));
        }
        changed(ledger, unit, now);
    }

    /** Billing's answer to a withdrawal part; answers of refunds that are not ours, or repeated, change nothing. */
    void recordRefund(CreditLedger ledger, RecordWithdrawalRefund command, Instant now) {
        WithdrawalPart part = pendingWithdrawalParts.get(command.refundId());
        if (part == null) {
            return;
        }
        if (command.failureCode() == null) {
            apply(new WithdrawalRefundPaid(ledger.id(), ledger.tenant(), part.withdrawalId(), command.refundId(),
                    part.amount(), now));
        } else {
            apply(new WithdrawalRefundFailed(ledger.id(), ledger.tenant(), part.withdrawalId(), command.refundId(),
                    part.allocation(), part.amount(), command.failureCode(), now));
            ledger.removeAgainFromClosedLots(List.of(part.allocation()), now);
            changed(ledger, CreditUnit.of(part.amount().currency()), now);
        }
        WithdrawalTally tally = withdrawalTallies.get(part.withdrawalId());
        if (tally.open() == 0) {
            apply(new CashWithdrawalSettled(ledger.id(), ledger.tenant(), part.withdrawalId(), tally.paid(),
                    tally.restored(), tally.failureCode(), now));
        }
    }

    /**
     * The processor reversed a paid withdrawal part: the amount comes back to its lot (a closed lot gives it up again
     * as its closing did), once. A reversal of a refund that is not a paid part of this ledger changes nothing.
     */
    void reverseRefund(CreditLedger ledger, RecordWithdrawalRefundReversal command, Instant now) {
        WithdrawalPart part = paidWithdrawalParts.get(command.refundId());
        if (part == null) {
            return;
        }
        apply(new WithdrawalRefundReversed(ledger.id(), ledger.tenant(), part.withdrawalId(), command.refundId(),
                part.allocation(), part.amount(), command.failureCode(), now));
        ledger.removeAgainFromClosedLots(List.of(part.allocation()), now);
        changed(ledger, CreditUnit.of(part.amount().currency()), now);
    }

    /** Publishes the balance in {@code unit} under the next version, so billing keeps the latest it heard. */
    void changed(CreditLedger ledger, CreditUnit unit, Instant now) {
        apply(new CashBalanceChanged(ledger.id(), ledger.tenant(), new Money(ledger.lots().balance(unit),
                unit.currency()), cashVersion + 1, now));
    }

    /** Whether credits of the lot are out on a charge that may still fail, or in a withdrawal whose refund may. */
    boolean outstandingFrom(LotId lot) {
        return cashApplied.entrySet().stream().filter(applied -> !cashRestored.contains(applied.getKey()))
                .anyMatch(applied -> Allocations.takeFrom(applied.getValue(), lot))
                || pendingWithdrawalParts.values().stream().anyMatch(part -> part.allocation().lotId().equals(lot));
    }

    void on(CashBalanceChanged event) {
        cashVersion = event.version();
    }

    void on(CashBalanceApplied event, LotBook lots) {
        lots.take(event.allocations());
        cashApplied.put(event.chargeId(), event.allocations());
    }

    void on(CashBalanceRestored event, LotBook lots) {
        lots.giveBack(event.allocations());
        cashRestored.add(event.chargeId());
    }

    void on(CashWithdrawalStarted event) {
        withdrawals.add(event.withdrawalId());
        withdrawalTallies.put(event.withdrawalId(), WithdrawalTally.none(event.amount()));
    }

    void on(WithdrawalRefundRequested event, LotBook lots) {
        lots.take(List.of(event.allocation()));
        pendingWithdrawalParts.put(event.refundId(),
                new WithdrawalPart(event.withdrawalId(), event.allocation(), event.amount()));
        withdrawalTallies.computeIfPresent(event.withdrawalId(), (w, tally) -> tally.requested());
    }

    void on(WithdrawalRefundPaid event) {
        WithdrawalPart part = pendingWithdrawalParts.remove(event.refundId());
        if (part != null) {
            paidWithdrawalParts.put(event.refundId(), part);
        }
        withdrawalTallies.computeIfPresent(event.withdrawalId(), (w, tally) -> tally.paid(event.amount()));
    }

    void on(WithdrawalRefundFailed event, LotBook lots) {
        lots.giveBack(List.of(event.restored()));
        pendingWithdrawalParts.remove(event.refundId());
        withdrawalTallies.computeIfPresent(event.withdrawalId(),
                (w, tally) -> tally.failed(event.amount(), event.failureCode()));
    }

    void on(WithdrawalRefundReversed event, LotBook lots) {
        lots.giveBack(List.of(event.restored()));
        paidWithdrawalParts.remove(event.refundId());
        withdrawalTallies.computeIfPresent(event.withdrawalId(), (w, tally) -> tally.reversed(event.amount(),
                event.failureCode()));
    }

    void on(CashWithdrawalSettled event) {
        withdrawalTallies.remove(event.withdrawalId());
    }

    record WithdrawalPart(String withdrawalId, Allocation allocation, Money amount) {
    }

    /** How far a withdrawal's parts have been answered. */
    record WithdrawalTally(int open, Money paid, Money restored, String failureCode) {

        static WithdrawalTally none(Money amount) {
            Money zero = Money.zero(amount.currency());
            return new WithdrawalTally(0, zero, zero, null);
        }

        WithdrawalTally requested() {
            return new WithdrawalTally(open + 1, paid, restored, failureCode);
        }

        WithdrawalTally paid(Money amount) {
            return new WithdrawalTally(open - 1, paid.plus(amount), restored, failureCode);
        }

        /** A part counted as paid came back; it was answered already, so nothing more is open. */
        WithdrawalTally reversed(Money amount, String code) {
            return new WithdrawalTally(open, paid.minus(amount), restored.plus(amount),
                    failureCode == null ? code : failureCode);
        }

        WithdrawalTally failed(Money amount, String code) {
            return new WithdrawalTally(open - 1, paid, restored.plus(amount), failureCode == null ? code : failureCode);
        }
    }
}
