package dev.fairbill.ledger.ledger;

import static dev.fairbill.ledger.ledger.Allocations.sum;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.deadline.DeadlineManager;

import dev.fairbill.ledger.ledger.CreditLedger.HoldExpiryDue;
import dev.fairbill.ledger.ledger.LedgerCommands.CaptureHold;
import dev.fairbill.ledger.ledger.LedgerCommands.PlaceHold;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldPlaced;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldReleased;
import dev.fairbill.platform.rules.RuleViolation;

/**
 * A ledger's holds: credits reserved for work in progress, taken from their lots when placed, then captured (all, or
 * part with the rest released), released, or expired by themselves. Part of {@link CreditLedger}: it decides within
 * the ledger's command and records through the ledger's events; snapshots keep its state inside the ledger's.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class LedgerHolds {

    private Map<HoldId, Hold> holds = new HashMap<>();

    HoldId place(CreditLedger ledger, PlaceHold command, Instant now, DeadlineManager deadlines) {
        CreditLedger.requirePositive(command.amount());
        ledger.requireNotFrozen();
        if (!command.expiresAt().isAfter(now)) {
            throw LedgerRuleViolation.invalid("expiry-in-past", "Expiry in the past", "A hold must expire later.");
        }
        ledger.expireDueLots(now);
        long usable = ledger.lots().usableBalance(CreditUnit.CREDIT, now);
        if (command.amount() > usable) {
            throw LedgerRuleViolation.insufficientCredits(ledger.id(), command.amount(), usable);
        }
        apply(new HoldPlaced(ledger.id(), ledger.tenant(), command.operationId(), command.holdId(),
                command.reference(), command.amount(), ledger.lots().allocate(CreditUnit.CREDIT, command.amount(), now),
                CreditLedger.micros(command.expiresAt()), now));
        deadlines.schedule(command.expiresAt(), CreditLedger.HOLD_EXPIRY, new HoldExpiryDue(command.holdId()));
        return command.holdId();
    }

    /** Capturing a captured hold again changes nothing; a released or expired hold cannot be captured. */
    HoldStatus capture(CreditLedger ledger, CaptureHold command, Instant now) {
        Hold hold = require(command.holdId());
        if (hold.status() == HoldStatus.CAPTURED) {
            return HoldStatus.CAPTURED;
        }
        requirePending(hold);
        ledger.requireNotFrozen();
        long amount = command.amount() == null ? hold.amount() : command.amount();
        CreditLedger.requirePositive(amount);
        if (amount > hold.amount()) {
            throw LedgerRuleViolation.invalid("exceeds-hold", "Exceeds hold",
                    "Hold " + hold.id() + " reserved " + hold.amount() + " credits; " + amount + " cannot be captured.");
        }
        List<Allocation> captured = Allocations.firstOf(hold.allocations(), amount);
        List<Allocation> released = Allocations.minus(hold.allocations(), captured);
        long balanceAfter = ledger.lots().balance(CreditUnit.CREDIT) + sum(ledger.staysUsable(released, now))
                - ledger.overdrawn();
        apply(new HoldCaptured(ledger.id(), ledger.tenant(), hold.id(), hold.reference(), amount, captured, released,
                balanceAfter, now));
        ledger.removeAgainFromClosedLots(released, now);
        return HoldStatus.CAPTURED;
    }

    /** Releasing a released hold again changes nothing; a captured hold cannot be released. */
    HoldStatus release(CreditLedger ledger, HoldId holdId, Instant now) {
        Hold hold = require(holdId);
        if (hold.status() == HoldStatus.RELEASED || hold.status() == HoldStatus.EXPIRED) {
            return hold.status();
        }
        requirePending(hold);
        release(ledger, hold, false, now);
        return HoldStatus.RELEASED;
    }

    /** A hold neither captured nor released by its expiry gives its credits back. */
    void expire(CreditLedger ledger, HoldId holdId, Instant now) {
        Hold hold = holds.get(holdId);
        if (hold != null && hold.status() == HoldStatus.PENDING) {
            release(ledger, hold, true, now);
        }
    }

    /** Whether a pending hold took credits from the lot, which come back to it if released. */
    boolean pendingTakeFrom(LotId lot) {
        return holds.values().stream().filter(hold -> hold.status() == HoldStatus.PENDING)
                .anyMatch(hold -> Allocations.takeFrom(hold.allocations(), lot));
    }

    void on(HoldPlaced event, LotBook lots) {
        lots.take(event.allocations());
        holds.put(event.holdId(), new Hold(event.holdId(), event.reference(), event.amount(), event.allocations(),
                HoldStatus.PENDING));
    }

    void on(HoldCaptured event, LotBook lots) {
        lots.giveBack(event.released());
        holds.computeIfPresent(event.holdId(), (holdId, hold) -> hold.with(HoldStatus.CAPTURED));
    }

    void on(HoldReleased event, LotBook lots) {
        lots.giveBack(event.allocations());
        holds.computeIfPresent(event.holdId(),
                (holdId, hold) -> hold.with(event.expired() ? HoldStatus.EXPIRED : HoldStatus.RELEASED));
    }

    private void release(CreditLedger ledger, Hold hold, boolean expired, Instant now) {
        apply(new HoldReleased(ledger.id(), ledger.tenant(), hold.id(), hold.allocations(), expired, now));
        ledger.removeAgainFromClosedLots(hold.allocations(), now);
    }

    private Hold require(HoldId holdId) {
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

    /** The hold's current state; its allocations are what it took from the lots when placed. */
    record Hold(HoldId id, String reference, long amount, List<Allocation> allocations, HoldStatus status) {

        Hold with(HoldStatus newStatus) {
            return new Hold(id, reference, amount, allocations, newStatus);
        }
    }
}
