package dev.fairbill.ledger.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.ledger.ledger.Allocation;
import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.HoldStatus;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceApplied;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceRestored;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalStarted;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldPlaced;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldReleased;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerFrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerUnfrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.LedgerEvents.OverdraftSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.TierChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundFailed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundReversed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.ledger.LedgerOpened;
import dev.fairbill.ledger.ledger.LotId;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the ledger read model (ledgers, lots, holds, consumptions, cash balances, withdrawals, transfers and the
 * statement's entries) in the command's transaction (subscribing, ADR 0003). Every handler first advances the
 * ledger's projected version to the event's sequence number, so a replayed event changes nothing.
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerProjection {

    public static final String PROCESSING_GROUP = "ledger-projection";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LedgerProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(LedgerOpened event) {
        jdbc.sql("""
                        INSERT INTO ledgers (account_id, tenant, parent_account_id, role, balance, frozen, tier,
                                             opened_at, version)
                        VALUES (?, ?, ?, ?, 0, FALSE, NULL, ?, 0)
                        ON CONFLICT (account_id) DO NOTHING""")
                .params(event.ledgerId().accountId(), event.tenant(), event.parentAccountId(), event.role(),
                        Timestamp.from(event.openedAt()))
                .update();
    }

    @EventHandler
    void on(LotGranted event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO ledger_lots (lot_id, account_id, unit, source, granted, remaining, expires_at,
                                                 reference, charge_id, subscription_id, granted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.lotId().value(), event.ledgerId().accountId(), event.unit().value(),
                        event.source().name(), event.amount(), event.amount(), timestamp(event.expiresAt()),
                        event.reference(), event.chargeId(), event.subscriptionId(), Timestamp.from(event.grantedAt()))
                .update();
        entry(eventId, 0, event.ledgerId(), EntryType.GRANT, event.unit(), event.amount(), event.lotId(),
                event.reference(), event.grantedAt());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(CreditsConsumed event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        // the event carries the balance after it (open credit lots less the overdraft): set with the version claim
        boolean claimed = jdbc.sql("UPDATE ledgers SET version = ?, balance = ? WHERE account_id = ? AND version < ?")
                .params(seq, event.balanceAfter(), event.ledgerId().accountId(), seq)
                .update() == 1;
        if (!claimed) {
            return;
        }
        int n = moveLots(eventId, event.ledgerId(), EntryType.CONSUMPTION, event.allocations(), -1,
                event.reference(), event.consumedAt());
        if (event.overdrawn() > 0) {
            entry(eventId, n, event.ledgerId(), EntryType.OVERDRAFT, CreditUnit.CREDIT, -event.overdrawn(), null,
                    event.reference(), event.consumedAt());
            overdraw(event.ledgerId(), event.overdrawn());
        }
        jdbc.sql("""
                        INSERT INTO ledger_consumptions (consumption_id, account_id, amount, reference, allocations,
                                                         balance_after, consumed_at)
                        VALUES (?, ?, ?, ?, CAST(? AS JSONB), ?, ?)""")
                .params(event.consumptionId(), event.ledgerId().accountId(), event.amount(), event.reference(),
                        json.writeValueAsString(event.allocations()), event.balanceAfter(),
                        Timestamp.from(event.consumedAt()))
                .update();
    }

    @EventHandler
    void on(OverdraftSettled event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        moveLots(eventId, event.ledgerId(), EntryType.OVERDRAFT_SETTLED,
                List.of(new Allocation(event.lotId(), event.amount())), -1, null, event.settledAt());
        entry(eventId, 1, event.ledgerId(), EntryType.OVERDRAFT_SETTLED, CreditUnit.CREDIT, event.amount(), null,
                event.lotId().value(), event.settledAt());
        overdraw(event.ledgerId(), -event.amount());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(HoldPlaced event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO ledger_holds (hold_id, account_id, amount, status, reference, expires_at, placed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.holdId().value(), event.ledgerId().accountId(), event.amount(),
                        HoldStatus.PENDING.name(), event.reference(), Timestamp.from(event.expiresAt()),
                        Timestamp.from(event.placedAt()))
                .update();
        moveLots(eventId, event.ledgerId(), EntryType.HOLD, event.allocations(), -1, event.holdId().value(),
                event.placedAt());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(HoldCaptured event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        settleHold(event.holdId().value(), HoldStatus.CAPTURED, event.amount(), event.capturedAt());
        moveLots(eventId, event.ledgerId(), EntryType.HOLD_RELEASED, event.released(), 1, event.holdId().value(),
                event.capturedAt());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(HoldReleased event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        settleHold(event.holdId().value(), event.expired() ? HoldStatus.EXPIRED : HoldStatus.RELEASED, 0,
                event.releasedAt());
        moveLots(eventId, event.ledgerId(), EntryType.HOLD_RELEASED, event.allocations(), 1,
                event.holdId().value(), event.releasedAt());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(LotRemoved event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        jdbc.sql("UPDATE ledger_lots SET remaining = remaining - ?, closed_as = ? WHERE lot_id = ?")
                .params(event.amount(), event.kind().name(), event.lotId().value())
                .update();
        entry(eventId, 0, event.ledgerId(), EntryType.of(event.kind()), event.unit(), -event.amount(),
                event.lotId(), event.reference(), event.removedAt());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(LedgerFrozen event, @SequenceNumber long seq) {
        if (advance(event.ledgerId(), seq)) {
            setFrozen(event.ledgerId(), true);
        }
    }

    @EventHandler
    void on(LedgerUnfrozen event, @SequenceNumber long seq) {
        if (advance(event.ledgerId(), seq)) {
            setFrozen(event.ledgerId(), event.stillFrozen());
        }
    }

    @EventHandler
    void on(CreditsTransferred event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO ledger_transfers (transfer_id, from_account_id, to_account_id, amount,
                                                      transferred_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(event.transferId(), event.ledgerId().accountId(), event.toLedgerId().accountId(),
                        event.amount(), Timestamp.from(event.transferredAt()))
                .update();
        moveLots(eventId, event.ledgerId(), EntryType.TRANSFER_OUT, event.allocations(), -1, event.transferId(),
                event.transferredAt());
        refreshBalance(event.ledgerId());
    }

    @EventHandler
    void on(TierChanged event, @SequenceNumber long seq) {
        if (advance(event.ledgerId(), seq)) {
            jdbc.sql("UPDATE ledgers SET tier = ? WHERE account_id = ?")
                    .params(event.tier(), event.ledgerId().accountId())
                    .update();
        }
    }

    @EventHandler
    void on(CashBalanceChanged event, @SequenceNumber long seq) {
        if (!advance(event.ledgerId(), seq)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO ledger_cash_balances (account_id, currency, amount, version) VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id, currency) DO UPDATE SET amount = EXCLUDED.amount,
                            version = EXCLUDED.version""")
                .params(event.ledgerId().accountId(), event.balance().currency().getCurrencyCode(),
                        event.balance().amount(), event.version())
                .update();
    }

    @EventHandler
    void on(CashBalanceApplied event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (advance(event.ledgerId(), seq)) {
            moveLots(eventId, event.ledgerId(), EntryType.CASH_APPLIED, event.allocations(), -1, event.chargeId(),
                    event.appliedAt());
        }
    }

    @EventHandler
    void on(CashBalanceRestored event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (advance(event.ledgerId(), seq)) {
            moveLots(eventId, event.ledgerId(), EntryType.CASH_RESTORED, event.allocations(), 1, event.chargeId(),
                    event.restoredAt());
        }
    }

    @EventHandler
    void on(CashWithdrawalStarted event, @SequenceNumber long seq) {
        if (advance(event.ledgerId(), seq)) {
            jdbc.sql("""
                            INSERT INTO ledger_withdrawals (withdrawal_id, account_id, amount, currency, status,
                                                            requested_at)
                            VALUES (?, ?, ?, ?, 'PENDING', ?)""")
                    .params(event.withdrawalId(), event.ledgerId().accountId(), event.amount().amount(),
                            event.amount().currency().getCurrencyCode(), Timestamp.from(event.startedAt()))
                    .update();
        }
    }

    @EventHandler
    void on(WithdrawalRefundRequested event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (advance(event.ledgerId(), seq)) {
            moveLots(eventId, event.ledgerId(), EntryType.WITHDRAWAL, List.of(event.allocation()), -1,
                    event.withdrawalId(), event.requestedAt());
        }
    }

    @EventHandler
    void on(WithdrawalRefundFailed event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (advance(event.ledgerId(), seq)) {
            moveLots(eventId, event.ledgerId(), EntryType.WITHDRAWAL_RESTORED, List.of(event.restored()), 1,
                    event.withdrawalId(), event.failedAt());
        }
    }

    /** The part is back in its lot; a withdrawal that had settled shows it as restored, not paid. */
    @EventHandler
    void on(WithdrawalRefundReversed event, @SequenceNumber long seq, @MessageIdentifier String eventId) {
        if (advance(event.ledgerId(), seq)) {
            moveLots(eventId, event.ledgerId(), EntryType.WITHDRAWAL_RESTORED, List.of(event.restored()), 1,
                    event.withdrawalId(), event.reversedAt());
            jdbc.sql("""
                            UPDATE ledger_withdrawals SET status = 'FAILED', paid = paid - ?, restored = restored + ?,
                                failure_code = COALESCE(failure_code, ?)
                            WHERE withdrawal_id = ? AND status <> 'PENDING'""")
                    .params(event.amount().amount(), event.amount().amount(), event.failureCode(),
                            event.withdrawalId())
                    .update();
        }
    }

    @EventHandler
    void on(CashWithdrawalSettled event, @SequenceNumber long seq) {
        if (advance(event.ledgerId(), seq)) {
            jdbc.sql("""
                            UPDATE ledger_withdrawals SET status = ?, paid = ?, restored = ?, failure_code = ?,
                                settled_at = ?
                            WHERE withdrawal_id = ?""")
                    .params(event.restored().isPositive() ? "FAILED" : "COMPLETED", event.paid().amount(),
                            event.restored().amount(), event.failureCode(), Timestamp.from(event.settledAt()),
                            event.withdrawalId())
                    .update();
        }
    }

    /**
     * Moves each allocation's amount out of ({@code sign} −1) or back into (+1) its lot and writes one entry per
     * lot. Returns the number of entries written.
     */
    private int moveLots(String eventId, LedgerId ledger, EntryType type, List<Allocation> allocations, int sign,
                         String reference, Instant at) {
        int n = 0;
        for (Allocation allocation : allocations) {
            String unit = jdbc.sql("UPDATE ledger_lots SET remaining = remaining + ? WHERE lot_id = ? RETURNING unit")
                    .params(sign * allocation.amount(), allocation.lotId().value())
                    .query(String.class)
                    .single();
            entry(eventId, n++, ledger, type, CreditUnit.of(unit), sign * allocation.amount(), allocation.lotId(),
                    reference, at);
        }
        return n;
    }

    private void entry(String eventId, int index, LedgerId ledger, EntryType type, CreditUnit unit, long amount,
                       LotId lotId, String reference, Instant at) {
        jdbc.sql("""
                        INSERT INTO ledger_entries (entry_id, account_id, type, unit, amount, lot_id, reference,
                                                    occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (entry_id) DO NOTHING""")
                .params(Ids.derive(IdPrefix.LEDGER_ENTRY, eventId + "/" + index), ledger.accountId(), type.name(),
                        unit.value(), amount, lotId == null ? null : lotId.value(), reference, Timestamp.from(at))
                .update();
    }

    /** Claims the event for this ledger's read model; false when it was projected before. */
    private boolean advance(LedgerId ledger, long seq) {
        return jdbc.sql("UPDATE ledgers SET version = ? WHERE account_id = ? AND version < ?")
                .params(seq, ledger.accountId(), seq)
                .update() == 1;
    }

    private void overdraw(LedgerId ledger, long amount) {
        jdbc.sql("UPDATE ledgers SET overdrawn = overdrawn + ? WHERE account_id = ?")
                .params(amount, ledger.accountId())
                .update();
    }

    /** The credit balance the customer sees: what is left in open credit lots, less any overdraft. */
    private void refreshBalance(LedgerId ledger) {
        jdbc.sql("""
                        UPDATE ledgers SET balance = (
                            SELECT COALESCE(SUM(remaining), 0) FROM ledger_lots
                            WHERE account_id = ledgers.account_id AND unit = 'CREDIT' AND closed_as IS NULL
                        ) - overdrawn
                        WHERE account_id = ?""")
                .param(ledger.accountId())
                .update();
    }

    private void setFrozen(LedgerId ledger, boolean frozen) {
        jdbc.sql("UPDATE ledgers SET frozen = ? WHERE account_id = ?").params(frozen, ledger.accountId()).update();
    }

    private void settleHold(String holdId, HoldStatus status, long captured, Instant at) {
        jdbc.sql("UPDATE ledger_holds SET status = ?, captured = ?, settled_at = ? WHERE hold_id = ?")
                .params(status.name(), captured, Timestamp.from(at), holdId)
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
