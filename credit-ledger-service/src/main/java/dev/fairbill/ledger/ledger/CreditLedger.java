package dev.fairbill.ledger.ledger;

import static dev.fairbill.ledger.ledger.Allocations.sum;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.ledger.ledger.LedgerCommands.ApplyCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.CaptureHold;
import dev.fairbill.ledger.ledger.LedgerCommands.ClawBackCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ConsumeCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.ledger.LedgerCommands.FreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerCommands.PlaceHold;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefund;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefundReversal;
import dev.fairbill.ledger.ledger.LedgerCommands.ReleaseHold;
import dev.fairbill.ledger.ledger.LedgerCommands.RestoreCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.TransferCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.UnfreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.VoidLot;
import dev.fairbill.ledger.ledger.LedgerCommands.WithdrawCashBalance;
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
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundPaid;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundReversed;
import dev.fairbill.ledger.ledger.LotBook.Lot;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;

/**
 * The credit ledger of one account (docs/domain.md, credit ledger): lots that remember where they came from, consumed
 * soonest expiry first, then oldest; holds; expiry, forfeit, clawback and void as entries; freezes; transfers to
 * sub-resellers; the reseller tier; and the customer's cash balance ({@code REFUND_BALANCE} lots per currency), which
 * pays new charges first and can be withdrawn to the original payment method. Snapshots serialize its fields: the
 * state is private and has no getters.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
@StoredAs("ledger.CreditLedger")
@Aggregate(snapshotTriggerDefinition = "creditLedgerSnapshotTrigger", cache = "creditLedgerCache",
        lockFactory = "creditLedgerLocks")
public class CreditLedger implements OnTestClock {

    /**
     * The most a ledger holds of one unit (10^15 credits or minor units). Every amount a request names is at most
     * 10^10, so no sum of lots, entries or journal lines can overflow on the way there.
     */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;
    static final String LOT_EXPIRY = "lot-expiry";
    static final String HOLD_EXPIRY = "hold-expiry";

    @AggregateIdentifier
    private LedgerId id;
    private String testClock;
    private String tenant;
    private LotBook lots = new LotBook();
    /** Operation id → the id of what it created (lot, consumption, hold): each operation is applied once. */
    private Map<String, String> operations = new HashMap<>();
    private long overdrawn;
    @JsonUnwrapped
    private LedgerHolds holds = new LedgerHolds();
    @JsonUnwrapped
    private LedgerFreezes freezes = new LedgerFreezes();
    private long lifetimePurchased;
    private String tier;
    /** The cash balance keeps its fields among the ledger's in snapshots, as before it was a part. */
    @JsonUnwrapped
    private CashBalance cash = new CashBalance();

    protected CreditLedger() {
    }

    /** Opening an already open ledger changes nothing: billing's fact may legitimately arrive more than once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenLedger command, Clock clock) {
        if (id != null) {
            return;
        }
        apply(new LedgerOpened(command.ledgerId(), command.tenant(), command.parentAccountId(), now(clock),
                command.role(), command.testClock()));
    }

    /** Answers the lot's id; a repeated operation answers the first lot's id and grants nothing. */
    @CommandHandler
    LotId handle(GrantLot command, Clock clock, DeadlineManager deadlines, LedgerSettings settings) {
        String earlier = operations.get(command.operationId());
        return earlier != null ? LotId.of(earlier) : LotGrants.grant(this, command, now(clock), deadlines, settings);
    }

    /** Answers the consumption; a repeated operation answers the first one's id and consumes nothing. */
    @CommandHandler
    ConsumptionResult handle(ConsumeCredits command, Clock clock, LedgerSettings settings) {
        String earlier = operations.get(command.operationId());
        return earlier != null ? ConsumptionResult.repeatOf(earlier)
                : CreditsOut.consume(this, command, now(clock), settings);
    }

    /** Answers the hold's id; a repeated operation answers the first hold's id. */
    @CommandHandler
    HoldId handle(PlaceHold command, Clock clock, DeadlineManager deadlines) {
        String earlier = operations.get(command.operationId());
        return earlier != null ? HoldId.of(earlier) : holds.place(this, command, now(clock), deadlines);
    }

    @CommandHandler
    HoldStatus handle(CaptureHold command, Clock clock) {
        return holds.capture(this, command, now(clock));
    }

    @CommandHandler
    HoldStatus handle(ReleaseHold command, Clock clock) {
        return holds.release(this, command.holdId(), now(clock));
    }

    @DeadlineHandler(deadlineName = HOLD_EXPIRY)
    void on(HoldExpiryDue due, Clock clock) {
        holds.expire(this, due.holdId(), now(clock));
    }

    @DeadlineHandler(deadlineName = LOT_EXPIRY)
    void on(LotExpiryDue due, Clock clock) {
        expireDueLots(now(clock));
    }

    @CommandHandler
    void handle(ForfeitAllowance command, Clock clock) {
        LotRemovals.forfeit(this, command, now(clock));
    }

    @CommandHandler
    void handle(ClawBackCredits command, Clock clock) {
        LotRemovals.clawBack(this, command, now(clock));
    }

    @CommandHandler
    void handle(VoidLot command, Clock clock) {
        LotRemovals.voidLot(this, command, now(clock));
    }

    @CommandHandler
    void handle(FreezeLedger command, Clock clock) {
        freezes.freeze(this, command, now(clock));
    }

    @CommandHandler
    void handle(UnfreezeLedger command, Clock clock) {
        freezes.unfreeze(this, command, now(clock));
    }

    /** A repeated transfer changes nothing. */
    @CommandHandler
    void handle(TransferCredits command, Clock clock) {
        if (!operations.containsKey(command.transferId())) {
            CreditsOut.transfer(this, command, now(clock));
        }
    }

    @CommandHandler
    void handle(ApplyCashBalance command, Clock clock) {
        cash.applyTo(this, command, now(clock));
    }

    @CommandHandler
    void handle(RestoreCashBalance command, Clock clock) {
        cash.restore(this, command, now(clock));
    }

    @CommandHandler
    void handle(WithdrawCashBalance command, Clock clock) {
        cash.withdraw(this, command, now(clock));
    }

    @CommandHandler
    void handle(RecordWithdrawalRefund command, Clock clock) {
        cash.recordRefund(this, command, now(clock));
    }

    @CommandHandler
    void handle(RecordWithdrawalRefundReversal command, Clock clock) {
        cash.reverseRefund(this, command, now(clock));
    }

    void expireDueLots(Instant now) {
        LotRemovals.expireDue(this, now);
    }

    void removeAgainFromClosedLots(List<Allocation> givenBack, Instant now) {
        LotRemovals.againFromClosedLots(this, givenBack, now);
    }

    List<Allocation> staysUsable(List<Allocation> givenBack, Instant now) {
        return LotRemovals.staysUsable(lots, givenBack, now);
    }

    /**
     * Whether the lot has credits left, or credits out that may still come back to it (on a pending hold, paying a
     * charge that may fail, in a withdrawal whose refund may fail). Forfeit and clawback close such a lot even when
     * nothing is left in it, so that what comes back follows it.
     */
    boolean hasCreditsLeftOrOut(Lot lot) {
        return lot.remaining() > 0 || holds.pendingTakeFrom(lot.id()) || cash.outstandingFrom(lot.id());
    }

    private void cashBalanceChanged(CreditUnit unit, Instant now) {
        cash.changed(this, unit, now);
    }

    void requireNotFrozen() {
        if (frozen()) {
            throw LedgerRuleViolation.frozen(id);
        }
    }

    static void requirePositive(long amount) {
        if (amount <= 0) {
            throw LedgerRuleViolation.invalid("invalid-amount", "Invalid amount", "The amount must be positive.");
        }
    }

    /** Only a ledger opened on a test clock looks its time up; every other one is on the wall clock. */
    @Override
    public String testClockAccount() {
        return testClock == null || id == null ? null : id.accountId();
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    LedgerId id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    LotBook lots() {
        return lots;
    }

    long overdrawn() {
        return overdrawn;
    }

    CashBalance cash() {
        return cash;
    }

    long lifetimePurchased() {
        return lifetimePurchased;
    }

    String tier() {
        return tier;
    }

    boolean frozen() {
        return freezes.any();
    }

    /** Replays the ledger's events: the lots, the operations done, and each part's own state. */
    @EventSourcingHandler
    void on(Object event) {
        switch (event) {
            case LedgerOpened e -> {
                id = e.ledgerId();
                tenant = e.tenant();
                testClock = e.testClock();
            }
            case LotGranted e -> {
                operations.put(e.operationId(), e.lotId().value());
                lots.add(e.lotId(), e.unit(), e.source(), e.amount(), e.expiresAt(), e.reference(), e.chargeId(),
                        e.subscriptionId());
                lifetimePurchased += e.source() == LotSource.PURCHASED ? e.amount() : 0;
            }
            case OverdraftSettled e -> {
                lots.take(List.of(new Allocation(e.lotId(), e.amount())));
                overdrawn -= e.amount();
            }
            case CreditsConsumed e -> {
                operations.put(e.operationId(), e.consumptionId());
                lots.take(e.allocations());
                overdrawn += e.overdrawn();
            }
            case HoldPlaced e -> {
                operations.put(e.operationId(), e.holdId().value());
                holds.on(e, lots);
            }
            case HoldCaptured e -> holds.on(e, lots);
            case HoldReleased e -> holds.on(e, lots);
            case LotRemoved e -> lots.remove(e.lotId(), e.amount(), e.kind());
            case LedgerFrozen e -> freezes.on(e);
            case LedgerUnfrozen e -> freezes.on(e);
            case CreditsTransferred e -> {
                operations.put(e.transferId(), e.transferId());
                lots.take(e.allocations());
            }
            case TierChanged e -> tier = e.tier();
            case CashBalanceChanged e -> cash.on(e);
            case CashBalanceApplied e -> cash.on(e, lots);
            case CashBalanceRestored e -> cash.on(e, lots);
            case CashWithdrawalStarted e -> cash.on(e);
            case WithdrawalRefundRequested e -> cash.on(e, lots);
            case WithdrawalRefundPaid e -> cash.on(e);
            case WithdrawalRefundFailed e -> cash.on(e, lots);
            case WithdrawalRefundReversed e -> cash.on(e, lots);
            case CashWithdrawalSettled e -> cash.on(e);
            default -> {
            }
        }
    }

    @StoredAs("ledger.LotExpiryDue")
    record LotExpiryDue(LotId lotId) {
    }

    @StoredAs("ledger.HoldExpiryDue")
    record HoldExpiryDue(HoldId holdId) {
    }
}
