package dev.fairbill.ledger.query;

import static dev.fairbill.ledger.query.JournalAccount.BREAKAGE;
import static dev.fairbill.ledger.query.JournalAccount.CASH;
import static dev.fairbill.ledger.query.JournalAccount.CHARGE_PAYMENTS;
import static dev.fairbill.ledger.query.JournalAccount.CUSTOMER_LIABILITY;
import static dev.fairbill.ledger.query.JournalAccount.HELD;
import static dev.fairbill.ledger.query.JournalAccount.OVERDRAFT_RECEIVABLE;
import static dev.fairbill.ledger.query.JournalAccount.REVENUE;
import static dev.fairbill.ledger.query.JournalAccount.TRANSFERS_CLEARING;
import static dev.fairbill.ledger.query.JournalAccount.WITHDRAWALS_IN_FLIGHT;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.ledger.ledger.Allocation;
import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceApplied;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceRestored;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldPlaced;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldReleased;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.LedgerEvents.OverdraftSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundFailed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundReversed;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundPaid;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.ledger.ledger.LedgerId;

/**
 * Posts every movement of the ledger to the double-entry journal, which always sums to zero per unit. A tracking
 * processor, off the request path; each posting is keyed by its event, so a replay posts nothing twice. Debits are
 * positive, credits negative. The lines of a batch of events are inserted together when the batch commits, so a
 * rebuild (the token reset, the journal emptied) replays the store at bulk speed.
 */
@Component
@ProcessingGroup(JournalProjection.PROCESSING_GROUP)
public class JournalProjection {

    public static final String PROCESSING_GROUP = "ledger-journal";
    private static final String PENDING_ROWS = JournalProjection.class.getName() + ".rows";
    private static final int COLUMNS = 8;
    private static final String ROW = "(" + String.join(", ", Collections.nCopies(COLUMNS, "?")) + ")";
    /** Well below PostgreSQL's 65,535 parameters per statement. */
    private static final int ROWS_PER_STATEMENT = 1_000;

    private final JdbcClient jdbc;

    public JournalProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LotGranted e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), e.unit(), e.grantedAt())
                .debit(JournalAccount.counterpartOf(e.source()), e.amount())
                .credit(CUSTOMER_LIABILITY, e.amount())
                .post();
    }

    @EventHandler
    void on(CreditsConsumed e, @MessageIdentifier String eventId) {
        long fromLots = sum(e.allocations());
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.CREDIT, e.consumedAt())
                .debit(CUSTOMER_LIABILITY, fromLots)
                .debit(OVERDRAFT_RECEIVABLE, e.overdrawn())
                .credit(REVENUE, fromLots + e.overdrawn())
                .post();
    }

    @EventHandler
    void on(OverdraftSettled e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.CREDIT, e.settledAt())
                .debit(CUSTOMER_LIABILITY, e.amount())
                .credit(OVERDRAFT_RECEIVABLE, e.amount())
                .post();
    }

    @EventHandler
    void on(HoldPlaced e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.CREDIT, e.placedAt())
                .debit(CUSTOMER_LIABILITY, sum(e.allocations()))
                .credit(HELD, sum(e.allocations()))
                .post();
    }

    @EventHandler
    void on(HoldCaptured e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.CREDIT, e.capturedAt())
                .debit(HELD, sum(e.captured()) + sum(e.released()))
                .credit(REVENUE, sum(e.captured()))
                .credit(CUSTOMER_LIABILITY, sum(e.released()))
                .post();
    }

    @EventHandler
    void on(HoldReleased e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.CREDIT, e.releasedAt())
                .debit(HELD, sum(e.allocations()))
                .credit(CUSTOMER_LIABILITY, sum(e.allocations()))
                .post();
    }

    /** Expired and forfeited credits are breakage; clawed back ones return the consideration; void reverses. */
    @EventHandler
    void on(LotRemoved e, @MessageIdentifier String eventId) {
        JournalAccount counterpart = switch (e.kind()) {
            case EXPIRED, FORFEITED -> BREAKAGE;
            case CLAWED_BACK -> CASH;
            case VOIDED -> JournalAccount.counterpartOf(e.source());
        };
        posting(eventId, e.ledgerId(), e.tenant(), e.unit(), e.removedAt())
                .debit(CUSTOMER_LIABILITY, e.amount())
                .credit(counterpart, e.amount())
                .post();
    }

    @EventHandler
    void on(CreditsTransferred e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.CREDIT, e.transferredAt())
                .debit(CUSTOMER_LIABILITY, e.amount())
                .credit(TRANSFERS_CLEARING, e.amount())
                .post();
    }

    @EventHandler
    void on(CashBalanceApplied e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.of(e.applied().currency()), e.appliedAt())
                .debit(CUSTOMER_LIABILITY, e.applied().amount())
                .credit(CHARGE_PAYMENTS, e.applied().amount())
                .post();
    }

    @EventHandler
    void on(CashBalanceRestored e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.of(e.amount().currency()), e.restoredAt())
                .debit(CHARGE_PAYMENTS, e.amount().amount())
                .credit(CUSTOMER_LIABILITY, e.amount().amount())
                .post();
    }

    @EventHandler
    void on(WithdrawalRefundRequested e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.of(e.amount().currency()), e.requestedAt())
                .debit(CUSTOMER_LIABILITY, e.amount().amount())
                .credit(WITHDRAWALS_IN_FLIGHT, e.amount().amount())
                .post();
    }

    @EventHandler
    void on(WithdrawalRefundPaid e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.of(e.amount().currency()), e.paidAt())
                .debit(WITHDRAWALS_IN_FLIGHT, e.amount().amount())
                .credit(CASH, e.amount().amount())
                .post();
    }

    @EventHandler
    void on(WithdrawalRefundFailed e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.of(e.amount().currency()), e.failedAt())
                .debit(WITHDRAWALS_IN_FLIGHT, e.amount().amount())
                .credit(CUSTOMER_LIABILITY, e.amount().amount())
                .post();
    }

    /** The money paid out came back from the processor, and is owed to the customer again. */
    @EventHandler
    void on(WithdrawalRefundReversed e, @MessageIdentifier String eventId) {
        posting(eventId, e.ledgerId(), e.tenant(), CreditUnit.of(e.amount().currency()), e.reversedAt())
                .debit(CASH, e.amount().amount())
                .credit(CUSTOMER_LIABILITY, e.amount().amount())
                .post();
    }

    private Posting posting(String eventId, LedgerId ledger, String tenant, CreditUnit unit, Instant at) {
        return new Posting(eventId, ledger.accountId(), tenant, unit.value(), at);
    }

    private static long sum(List<Allocation> allocations) {
        return allocations.stream().mapToLong(Allocation::amount).sum();
    }

    /** One entry's lines; posted only when they balance. */
    private final class Posting {
        private final String id;
        private final String accountId;
        private final String tenant;
        private final String unit;
        private final Instant at;
        private final List<Line> lines = new ArrayList<>();

        Posting(String id, String accountId, String tenant, String unit, Instant at) {
            this.id = id;
            this.accountId = accountId;
            this.tenant = tenant;
            this.unit = unit;
            this.at = at;
        }

        Posting debit(JournalAccount account, long amount) {
            if (amount != 0) {
                lines.add(new Line(account, amount));
            }
            return this;
        }

        Posting credit(JournalAccount account, long amount) {
            return debit(account, -amount);
        }

        void post() {
            if (lines.stream().mapToLong(Line::amount).sum() != 0) {
                throw new IllegalStateException("posting " + id + " does not balance: " + lines);
            }
            List<Object[]> rows = pendingRows();
            for (int i = 0; i < lines.size(); i++) {
                rows.add(new Object[] {id, i, accountId, tenant, lines.get(i).account().name(), unit,
                        lines.get(i).amount(), Timestamp.from(at)});
            }
        }
    }

    /**
     * The lines of the batch being processed, written together just before it commits: one multi-row INSERT per
     * {@link #ROWS_PER_STATEMENT} lines instead of one statement per line.
     */
    private List<Object[]> pendingRows() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_ROWS, key -> {
            List<Object[]> rows = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> insert(rows));
            return rows;
        });
    }

    private void insert(List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            List<Object> params = new ArrayList<>(chunk.size() * COLUMNS);
            chunk.forEach(row -> params.addAll(Arrays.asList(row)));
            jdbc.sql("""
                            INSERT INTO journal_lines (posting_id, line, account_id, tenant, journal_account, unit, amount,
                                                       posted_at)
                            VALUES %s
                            ON CONFLICT (posting_id, line) DO NOTHING"""
                            .formatted(String.join(", ", Collections.nCopies(chunk.size(), ROW))))
                    .params(params)
                    .update();
        }
    }

    private record Line(JournalAccount account, long amount) {
    }
}
