package dev.fairbill.ledger.ledger;

import static dev.fairbill.ledger.ledger.Allocations.sum;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import dev.fairbill.ledger.ledger.LotBook.Lot;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;

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
public class CreditLedger {

    /**
     * The most a ledger holds of one unit (10^15 credits or minor units). Every amount a request names is at most
     * 10^10, so no sum of lots, entries or journal lines can overflow on the way there.
     */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;
    static final String LOT_EXPIRY = "lot-expiry";
    static final String HOLD_EXPIRY = "hold-expiry";

    @AggregateIdentifier
    private LedgerId id;
    private String tenant;
    private LotBook lots = new LotBook();
    /** Operation id → the id of what it created (lot, consumption, hold): each operation is applied once. */
    private Map<String, String> operations = new HashMap<>();
    private long overdrawn;
    private Map<HoldId, Hold> holds = new HashMap<>();
    private Set<String> freezes = new LinkedHashSet<>();
    private long lifetimePurchased;
    private String tier;
    private long cashVersion;
    private Map<String, List<Allocation>> cashApplied = new HashMap<>();
    private Set<String> cashRestored = new HashSet<>();
    private Set<String> withdrawals = new HashSet<>();
    private Map<String, WithdrawalPart> pendingWithdrawalParts = new LinkedHashMap<>();
    private Map<String, WithdrawalTally> withdrawalTallies = new HashMap<>();

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
                command.role()));
    }

    /** Answers the lot's id; a repeated operation answers the first lot's id and grants nothing. */
    @CommandHandler
    LotId handle(GrantLot command, Clock clock, DeadlineManager deadlines, LedgerSettings settings) {
        String earlier = operations.get(command.operationId());
        if (earlier != null) {
            return LotId.of(earlier);
        }
        Instant now = now(clock);
        requireValidGrant(command, now);
        apply(new LotGranted(id, tenant, command.operationId(), command.lotId(), command.unit(), command.source(),
                command.amount(), micros(command.expiresAt()), command.reference(), command.chargeId(),
                command.subscriptionId(), now, command.actor()));
        if (command.expiresAt() != null) {
            deadlines.schedule(command.expiresAt(), LOT_EXPIRY, new LotExpiryDue(command.lotId()));
        }
        if (command.unit().isCash()) {
            cashBalanceChanged(command.unit(), now);
        } else if (overdrawn > 0) {
            apply(new OverdraftSettled(id, tenant, command.lotId(), Math.min(overdrawn, command.amount()), now));
        }
        if (command.source() == LotSource.PURCHASED) {
            LedgerSettings.Tier reached = settings.tenant(tenant).tierFor(lifetimePurchased);
            if (reached != null && !reached.name().equals(tier)) {
                apply(new TierChanged(id, tenant, reached.name(), lifetimePurchased, now, reached.subResellers()));
            }
        }
        return command.lotId();
    }

    private void requireValidGrant(GrantLot command, Instant now) {
        if (command.amount() <= 0) {
            throw LedgerRuleViolation.invalid("invalid-amount", "Invalid amount", "A grant must be positive.");
        }
        if (lots.balance(command.unit()) > MAX_BALANCE - command.amount()) {
            throw LedgerRuleViolation.invalid("balance-limit", "Balance limit", "A ledger holds at most "
                    + MAX_BALANCE + " of a unit; this grant would take " + command.unit() + " past it.");
        }
        if (command.source().holdsCash() != command.unit().isCash()) {
            throw LedgerRuleViolation.invalid("unit-mismatch", "Unit does not fit the source",
                    command.source().holdsCash() ? "REFUND_BALANCE lots hold a currency, not CREDIT."
                            : command.source() + " lots hold CREDIT, not a currency.");
        }
        // a transfer's lot keeps the expiry of the credits it came from; if that passed in transit, it expires at once
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)
                && command.source() != LotSource.TRANSFER) {
            throw LedgerRuleViolation.invalid("expiry-in-past", "Expiry in the past",
                    "expiresAt " + command.expiresAt() + " is not in the future.");
        }
        if (command.expiresAt() != null && command.source() == LotSource.REFUND_BALANCE) {
            throw LedgerRuleViolation.invalid("cash-never-expires", "Cash balance never expires",
                    "REFUND_BALANCE lots have no expiry.");
        }
    }

    /** Answers the consumption; a repeated operation answers the first one's id and consumes nothing. */
    @CommandHandler
    ConsumptionResult handle(ConsumeCredits command, Clock clock, LedgerSettings settings) {
        String earlier = operations.get(command.operationId());
        if (earlier != null) {
            return ConsumptionResult.repeatOf(earlier);
        }
        requirePositive(command.amount());
        requireNotFrozen();
        Instant now = now(clock);
        expireDueLots(now);
        long usable = lots.usableBalance(CreditUnit.CREDIT, now);
        long shortfall = Math.max(0, command.amount() - usable);
        long overdraftLimit = settings.tenant(tenant).overdraftLimit();
        if (shortfall > 0 && overdrawn + shortfall > overdraftLimit) {
            throw LedgerRuleViolation.insufficientCredits(id, command.amount(),
                    usable + Math.max(0, overdraftLimit - overdrawn));
        }
        List<Allocation> allocations = lots.allocate(CreditUnit.CREDIT, command.amount(), now);
        long balanceAfter = lots.balance(CreditUnit.CREDIT) - sum(allocations) - (overdrawn + shortfall);
        apply(new CreditsConsumed(id, tenant, command.operationId(), command.consumptionId(), command.reference(),
                command.amount(), allocations, shortfall, balanceAfter, now));
        return new ConsumptionResult(command.consumptionId(), false, command.amount(), allocations, balanceAfter);
    }

    /** Answers the hold's id; a repeated operation answers the first hold's id. */
    @CommandHandler
    HoldId handle(PlaceHold command, Clock clock, DeadlineManager deadlines) {
        String earlier = operations.get(command.operationId());
        if (earlier != null) {
            return HoldId.of(earlier);
        }
        requirePositive(command.amount());
        requireNotFrozen();
        Instant now = now(clock);
        if (!command.expiresAt().isAfter(now)) {
            throw LedgerRuleViolation.invalid("expiry-in-past", "Expiry in the past", "A hold must expire later.");
        }
        expireDueLots(now);
        long usable = lots.usableBalance(CreditUnit.CREDIT, now);
        if (command.amount() > usable) {
            throw LedgerRuleViolation.insufficientCredits(id, command.amount(), usable);
        }
        apply(new HoldPlaced(id, tenant, command.operationId(), command.holdId(), command.reference(),
                command.amount(), lots.allocate(CreditUnit.CREDIT, command.amount(), now),
                micros(command.expiresAt()), now));
        deadlines.schedule(command.expiresAt(), HOLD_EXPIRY, new HoldExpiryDue(command.holdId()));
        return command.holdId();
    }

    /** Capturing a captured hold again changes nothing; a released or expired hold cannot be captured. */
    @CommandHandler
    HoldStatus handle(CaptureHold command, Clock clock) {
        Hold hold = requireHold(command.holdId());
        if (hold.status() == HoldStatus.CAPTURED) {
            return HoldStatus.CAPTURED;
        }
        requirePending(hold);
        requireNotFrozen();
        long amount = command.amount() == null ? hold.amount() : command.amount();
        requirePositive(amount);
        if (amount > hold.amount()) {
            throw LedgerRuleViolation.invalid("exceeds-hold", "Exceeds hold",
                    "Hold " + hold.id() + " reserved " + hold.amount() + " credits; " + amount + " cannot be captured.");
        }
        Instant now = now(clock);
        List<Allocation> captured = Allocations.firstOf(hold.allocations(), amount);
        List<Allocation> released = Allocations.minus(hold.allocations(), captured);
        long balanceAfter = lots.balance(CreditUnit.CREDIT) + sum(staysUsable(released, now)) - overdrawn;
        apply(new HoldCaptured(id, tenant, hold.id(), hold.reference(), amount, captured, released, balanceAfter,
                now));
        removeAgainFromClosedLots(released, now);
        return HoldStatus.CAPTURED;
    }

    /** Releasing a released hold again changes nothing; a captured hold cannot be released. */
    @CommandHandler
    HoldStatus handle(ReleaseHold command, Clock clock) {
        Hold hold = requireHold(command.holdId());
        if (hold.status() == HoldStatus.RELEASED || hold.status() == HoldStatus.EXPIRED) {
            return hold.status();
        }
        requirePending(hold);
        release(hold, false, now(clock));
        return HoldStatus.RELEASED;
    }

    @DeadlineHandler(deadlineName = HOLD_EXPIRY)
    void on(HoldExpiryDue due, Clock clock) {
        Hold hold = holds.get(due.holdId());
        if (hold != null && hold.status() == HoldStatus.PENDING) {
            release(hold, true, now(clock));
        }
    }

    private void release(Hold hold, boolean expired, Instant now) {
        apply(new HoldReleased(id, tenant, hold.id(), hold.allocations(), expired, now));
        removeAgainFromClosedLots(hold.allocations(), now);
    }

    @DeadlineHandler(deadlineName = LOT_EXPIRY)
    void on(LotExpiryDue due, Clock clock) {
        expireDueLots(now(clock));
    }

    /**
     * final-sale-duplicates-refunded §3.1: on cancellation or expiry the subscription's allowance (and trial) credits
     * are forfeited.
     */
    @CommandHandler
    void handle(ForfeitAllowance command, Clock clock) {
        Instant now = now(clock);
        lots.matching(lot -> lot.source().isSubscriptionBound()
                        && command.subscriptionId().equals(lot.subscriptionId()) && hasCreditsLeftOrOut(lot))
                .forEach(lot -> remove(lot, lot.remaining(), RemovalKind.FORFEITED, command.reason(), now));
    }

    /** Sagas: the unconsumed credits (and cash) that came from a charge lost in a dispute are taken back. */
    @CommandHandler
    void handle(ClawBackCredits command, Clock clock) {
        Instant now = now(clock);
        List<Lot> boughtWithCharge = lots.matching(lot -> command.chargeId().equals(lot.chargeId())
                && hasCreditsLeftOrOut(lot));
        List<CreditUnit> cashChanged = boughtWithCharge.stream().filter(lot -> lot.remaining() > 0).map(Lot::unit)
                .filter(CreditUnit::isCash).distinct().toList();
        boughtWithCharge.forEach(lot -> remove(lot, lot.remaining(), RemovalKind.CLAWED_BACK, command.reference(),
                now));
        cashChanged.forEach(unit -> cashBalanceChanged(unit, now));
    }

    @CommandHandler
    void handle(VoidLot command, Clock clock) {
        if (!lots.contains(command.lotId())) {
            throw RuleViolation.notFound("Lot " + command.lotId());
        }
        Lot lot = lots.lot(command.lotId());
        if (!lot.isOpen() || lot.remaining() == 0) {
            throw LedgerRuleViolation.conflict("nothing-to-void", "Nothing to void",
                    "Lot " + lot.id() + " has nothing left to void.");
        }
        Instant now = now(clock);
        apply(new LotRemoved(id, tenant, lot.id(), lot.unit(), lot.source(), lot.remaining(), RemovalKind.VOIDED,
                command.reason(), now, command.actor()));
        if (lot.unit().isCash()) {
            cashBalanceChanged(lot.unit(), now);
        }
    }

    /** Several reasons can freeze one ledger; it stays frozen until every one is lifted. */
    @CommandHandler
    void handle(FreezeLedger command, Clock clock) {
        if (freezes.contains(freezeKey(command.reason(), command.reference()))) {
            return;
        }
        apply(new LedgerFrozen(id, tenant, command.reason(), command.reference(), !freezes.isEmpty(), now(clock)));
    }

    @CommandHandler
    void handle(UnfreezeLedger command, Clock clock) {
        String key = freezeKey(command.reason(), command.reference());
        if (!freezes.contains(key)) {
            return;
        }
        apply(new LedgerUnfrozen(id, tenant, command.reason(), command.reference(), freezes.size() > 1,
                now(clock)));
    }

    /**
     * final-sale-reseller §5: a reseller allocates credits to its sub-resellers. The credits leave in consumption
     * order; the lot
     * the sub-reseller receives expires when the soonest of them would have.
     */
    @CommandHandler
    void handle(TransferCredits command, Clock clock) {
        if (operations.containsKey(command.transferId())) {
            return;
        }
        requirePositive(command.amount());
        requireNotFrozen();
        if (command.toLedgerId().equals(id)) {
            throw LedgerRuleViolation.invalid("transfer-to-self", "Transfer to itself",
                    "Credits can only be transferred to a sub-reseller.");
        }
        Instant now = now(clock);
        expireDueLots(now);
        long usable = lots.usableBalance(CreditUnit.CREDIT, now);
        if (command.amount() > usable) {
            throw LedgerRuleViolation.insufficientCredits(id, command.amount(), usable);
        }
        List<Allocation> allocations = lots.allocate(CreditUnit.CREDIT, command.amount(), now);
        Instant expiresAt = allocations.stream().map(a -> lots.lot(a.lotId()).expiresAt()).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        apply(new CreditsTransferred(id, tenant, command.transferId(), command.toLedgerId(), command.amount(),
                allocations, expiresAt, now));
    }

    /**
     * The next charges of the account use cash balance first. Answers once per charge, with what was
     * applied — possibly nothing (no balance, or the ledger is frozen).
     */
    @CommandHandler
    void handle(ApplyCashBalance command, Clock clock) {
        if (cashApplied.containsKey(command.chargeId())) {
            return;
        }
        Instant now = now(clock);
        CreditUnit unit = CreditUnit.of(command.amount().currency());
        List<Allocation> allocations = freezes.isEmpty() && command.amount().isPositive()
                ? lots.allocate(unit, command.amount().amount(), now) : List.of();
        Money applied = new Money(sum(allocations), command.amount().currency());
        apply(new CashBalanceApplied(id, tenant, command.chargeId(), command.amount(), applied, allocations, now));
        if (applied.isPositive()) {
            cashBalanceChanged(unit, now);
        }
    }

    /** The charge failed: what was applied to it comes back, once. */
    @CommandHandler
    void handle(RestoreCashBalance command, Clock clock) {
        List<Allocation> applied = cashApplied.get(command.chargeId());
        if (applied == null || applied.isEmpty() || cashRestored.contains(command.chargeId())) {
            return;
        }
        Instant now = now(clock);
        CreditUnit unit = lots.lot(applied.getFirst().lotId()).unit();
        apply(new CashBalanceRestored(id, tenant, command.chargeId(), new Money(sum(applied), unit.currency()),
                applied, now));
        removeAgainFromClosedLots(applied, now);
        cashBalanceChanged(unit, now);
    }

    /**
     * cooling-off-prorata: cash balance is withdrawable to the original payment method. Each part is refunded on the
     * charge its
     * lot came from; the balance is reduced now, once, and a part whose refund fails comes back.
     */
    @CommandHandler
    void handle(WithdrawCashBalance command, Clock clock) {
        if (withdrawals.contains(command.withdrawalId())) {
            return;
        }
        if (!command.amount().isPositive()) {
            throw LedgerRuleViolation.invalid("invalid-amount", "Invalid amount", "A withdrawal must be positive.");
        }
        requireNotFrozen();
        Instant now = now(clock);
        CreditUnit unit = CreditUnit.of(command.amount().currency());
        List<Lot> withdrawable = lots.withdrawable(unit, now);
        long available = withdrawable.stream().mapToLong(Lot::remaining).sum();
        if (command.amount().amount() > available) {
            throw LedgerRuleViolation.insufficientBalance(id, command.amount(),
                    new Money(available, command.amount().currency()));
        }
        apply(new CashWithdrawalStarted(id, tenant, command.withdrawalId(), command.amount(), now));
        for (Allocation part : LotBook.allocateFrom(withdrawable, command.amount().amount())) {
            apply(new WithdrawalRefundRequested(id, tenant, command.withdrawalId(),
                    Ids.derive(IdPrefix.REFUND, command.withdrawalId() + "/" + part.lotId()),
                    lots.lot(part.lotId()).chargeId(), part, new Money(part.amount(), unit.currency()), now));
        }
        cashBalanceChanged(unit, now);
    }

    /** Billing's answer to a withdrawal part; answers of refunds that are not ours, or repeated, change nothing. */
    @CommandHandler
    void handle(RecordWithdrawalRefund command, Clock clock) {
        WithdrawalPart part = pendingWithdrawalParts.get(command.refundId());
        if (part == null) {
            return;
        }
        Instant now = now(clock);
        if (command.failureCode() == null) {
            apply(new WithdrawalRefundPaid(id, tenant, part.withdrawalId(), command.refundId(), part.amount(), now));
        } else {
            apply(new WithdrawalRefundFailed(id, tenant, part.withdrawalId(), command.refundId(), part.allocation(),
                    part.amount(), command.failureCode(), now));
            removeAgainFromClosedLots(List.of(part.allocation()), now);
            cashBalanceChanged(CreditUnit.of(part.amount().currency()), now);
        }
        WithdrawalTally tally = withdrawalTallies.get(part.withdrawalId());
        if (tally.open() == 0) {
            apply(new CashWithdrawalSettled(id, tenant, part.withdrawalId(), tally.paid(), tally.restored(),
                    tally.failureCode(), now));
        }
    }

    private void expireDueLots(Instant now) {
        lots.dueForExpiry(now).forEach(lot -> remove(lot, lot.remaining(), RemovalKind.EXPIRED, null, now));
    }

    private void remove(Lot lot, long amount, RemovalKind kind, String reference, Instant now) {
        apply(new LotRemoved(id, tenant, lot.id(), lot.unit(), lot.source(), amount, kind, reference, now));
    }

    /** Credits given back to a lot that was expired, forfeited, clawed back or voided meanwhile go the same way. */
    private void removeAgainFromClosedLots(List<Allocation> givenBack, Instant now) {
        for (Allocation allocation : givenBack) {
            Lot lot = lots.lot(allocation.lotId());
            if (!lot.isOpen()) {
                long back = Math.min(allocation.amount(), lot.remaining());
                if (back > 0) {
                    remove(lot, back, lot.closedAs(), "returned after " + lot.closedAs(), now);
                }
            } else if (lot.expiresAt() != null && !lot.expiresAt().isAfter(now)) {
                remove(lot, lot.remaining(), RemovalKind.EXPIRED, null, now);
            }
        }
    }

    /** The part of credits given back that stays usable: not what goes to a lot that closed or expired meanwhile. */
    private List<Allocation> staysUsable(List<Allocation> givenBack, Instant now) {
        return givenBack.stream().filter(allocation -> {
            Lot lot = lots.lot(allocation.lotId());
            return lot.isOpen() && (lot.expiresAt() == null || lot.expiresAt().isAfter(now));
        }).toList();
    }

    /**
     * Whether the lot has credits left, or credits out that may still come back to it (on a pending hold, paying a
     * charge that may fail, in a withdrawal whose refund may fail). Forfeit and clawback close such a lot even when
     * nothing is left in it, so that what comes back follows it.
     */
    private boolean hasCreditsLeftOrOut(Lot lot) {
        return lot.remaining() > 0
                || holds.values().stream().filter(hold -> hold.status() == HoldStatus.PENDING)
                        .anyMatch(hold -> takesFrom(hold.allocations(), lot))
                || cashApplied.entrySet().stream().filter(applied -> !cashRestored.contains(applied.getKey()))
                        .anyMatch(applied -> takesFrom(applied.getValue(), lot))
                || pendingWithdrawalParts.values().stream()
                        .anyMatch(part -> part.allocation().lotId().equals(lot.id()));
    }

    private static boolean takesFrom(List<Allocation> allocations, Lot lot) {
        return allocations.stream().anyMatch(allocation -> allocation.lotId().equals(lot.id()));
    }

    private void cashBalanceChanged(CreditUnit unit, Instant now) {
        apply(new CashBalanceChanged(id, tenant, new Money(lots.balance(unit), unit.currency()), cashVersion + 1,
                now));
    }

    private void requireNotFrozen() {
        if (!freezes.isEmpty()) {
            throw LedgerRuleViolation.frozen(id);
        }
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw LedgerRuleViolation.invalid("invalid-amount", "Invalid amount", "The amount must be positive.");
        }
    }

    private Hold requireHold(HoldId holdId) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            throw RuleViolation.notFound("Hold " + holdId);
        }
        return hold;
    }

    private static void requirePending(Hold hold) {
        if (hold.status() != HoldStatus.PENDING) {
            throw LedgerRuleViolation.conflict("hold-not-pending", "Hold not pending",
                    "Hold " + hold.id() + " is " + hold.status() + ".");
        }
    }

    private static String freezeKey(String reason, String reference) {
        return reason + "/" + reference;
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    @EventSourcingHandler
    void on(LedgerOpened event) {
        id = event.ledgerId();
        tenant = event.tenant();
    }

    @EventSourcingHandler
    void on(LotGranted event) {
        operations.put(event.operationId(), event.lotId().value());
        lots.add(event.lotId(), event.unit(), event.source(), event.amount(), event.expiresAt(), event.reference(),
                event.chargeId(), event.subscriptionId());
        if (event.source() == LotSource.PURCHASED) {
            lifetimePurchased += event.amount();
        }
    }

    @EventSourcingHandler
    void on(OverdraftSettled event) {
        lots.take(List.of(new Allocation(event.lotId(), event.amount())));
        overdrawn -= event.amount();
    }

    @EventSourcingHandler
    void on(CreditsConsumed event) {
        operations.put(event.operationId(), event.consumptionId());
        lots.take(event.allocations());
        overdrawn += event.overdrawn();
    }

    @EventSourcingHandler
    void on(HoldPlaced event) {
        operations.put(event.operationId(), event.holdId().value());
        lots.take(event.allocations());
        holds.put(event.holdId(), new Hold(event.holdId(), event.reference(), event.amount(), event.allocations(),
                HoldStatus.PENDING));
    }

    @EventSourcingHandler
    void on(HoldCaptured event) {
        lots.giveBack(event.released());
        holds.computeIfPresent(event.holdId(), (holdId, hold) -> hold.with(HoldStatus.CAPTURED));
    }

    @EventSourcingHandler
    void on(HoldReleased event) {
        lots.giveBack(event.allocations());
        holds.computeIfPresent(event.holdId(),
                (holdId, hold) -> hold.with(event.expired() ? HoldStatus.EXPIRED : HoldStatus.RELEASED));
    }

    @EventSourcingHandler
    void on(LotRemoved event) {
        lots.remove(event.lotId(), event.amount(), event.kind());
    }

    @EventSourcingHandler
    void on(LedgerFrozen event) {
        freezes.add(freezeKey(event.reason(), event.reference()));
    }

    @EventSourcingHandler
    void on(LedgerUnfrozen event) {
        freezes.remove(freezeKey(event.reason(), event.reference()));
    }

    @EventSourcingHandler
    void on(CreditsTransferred event) {
        operations.put(event.transferId(), event.transferId());
        lots.take(event.allocations());
    }

    @EventSourcingHandler
    void on(TierChanged event) {
        tier = event.tier();
    }

    @EventSourcingHandler
    void on(CashBalanceChanged event) {
        cashVersion = event.version();
    }

    @EventSourcingHandler
    void on(CashBalanceApplied event) {
        cashApplied.put(event.chargeId(), event.allocations());
        lots.take(event.allocations());
    }

    @EventSourcingHandler
    void on(CashBalanceRestored event) {
        cashRestored.add(event.chargeId());
        lots.giveBack(event.allocations());
    }

    @EventSourcingHandler
    void on(CashWithdrawalStarted event) {
        withdrawals.add(event.withdrawalId());
        withdrawalTallies.put(event.withdrawalId(), WithdrawalTally.none(event.amount()));
    }

    @EventSourcingHandler
    void on(WithdrawalRefundRequested event) {
        lots.take(List.of(event.allocation()));
        pendingWithdrawalParts.put(event.refundId(),
                new WithdrawalPart(event.withdrawalId(), event.allocation(), event.amount()));
        withdrawalTallies.computeIfPresent(event.withdrawalId(), (w, tally) -> tally.requested());
    }

    @EventSourcingHandler
    void on(WithdrawalRefundPaid event) {
        pendingWithdrawalParts.remove(event.refundId());
        withdrawalTallies.computeIfPresent(event.withdrawalId(), (w, tally) -> tally.paid(event.amount()));
    }

    @EventSourcingHandler
    void on(WithdrawalRefundFailed event) {
        pendingWithdrawalParts.remove(event.refundId());
        lots.giveBack(List.of(event.restored()));
        withdrawalTallies.computeIfPresent(event.withdrawalId(),
                (w, tally) -> tally.failed(event.amount(), event.failureCode()));
    }

    @EventSourcingHandler
    void on(CashWithdrawalSettled event) {
        withdrawalTallies.remove(event.withdrawalId());
    }

    /** The hold's current state; its allocations are what it took from the lots when placed. */
    record Hold(HoldId id, String reference, long amount, List<Allocation> allocations, HoldStatus status) {

        Hold with(HoldStatus newStatus) {
            return new Hold(id, reference, amount, allocations, newStatus);
        }
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

        WithdrawalTally failed(Money amount, String code) {
            return new WithdrawalTally(open - 1, paid, restored.plus(amount), failureCode == null ? code : failureCode);
        }
    }

    /**
     * A consumption's answer: what it took and the balance after, so the caller needs no read-back; a repeated
     * operation names only the first consumption ({@code allocations} empty).
     */
    public record ConsumptionResult(String consumptionId, boolean repeated, long amount, List<Allocation> allocations,
                                    long balanceAfter) {

        static ConsumptionResult repeatOf(String consumptionId) {
            return new ConsumptionResult(consumptionId, true, 0, List.of(), 0);
        }
    }

    @StoredAs("ledger.LotExpiryDue")
    record LotExpiryDue(LotId lotId) {
    }

    @StoredAs("ledger.HoldExpiryDue")
    record HoldExpiryDue(HoldId holdId) {
    }
}
