package dev.fairbill.ledger.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.List;

import dev.fairbill.ledger.ledger.LedgerCommands.ClawBackCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.ledger.LedgerCommands.VoidLot;
import dev.fairbill.ledger.ledger.LedgerEvents.LotAmount;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.LotBook.Lot;
import dev.fairbill.platform.rules.RuleViolation;

/**
 * Removals are entries: expiry, forfeit, clawback and void each record what they took from a lot; nothing is edited.
 * Part of {@link CreditLedger}, without state of its own: it decides within the ledger's command on the ledger's lots.
 */
final class LotRemovals {

    /**
     * final-sale-duplicates-refunded §3.1: on cancellation or expiry the subscription's allowance (and trial) credits
     * are forfeited.
     */
    static void forfeit(CreditLedger ledger, ForfeitAllowance command, Instant now) {
        ledger.lots().matching(lot -> lot.source().isSubscriptionBound()
                        && command.subscriptionId().equals(lot.subscriptionId()) && ledger.hasCreditsLeftOrOut(lot))
                .forEach(lot -> remove(ledger, lot, lot.remaining(), RemovalKind.FORFEITED, command.reason(), now));
    }

    /** Sagas: the unconsumed credits (and cash) that came from a charge lost in a dispute are taken back. */
    static void clawBack(CreditLedger ledger, ClawBackCredits command, Instant now) {
        List<Lot> boughtWithCharge = ledger.lots().matching(lot -> command.chargeId().equals(lot.chargeId())
                && ledger.hasCreditsLeftOrOut(lot));
        List<CreditUnit> cashChanged = boughtWithCharge.stream().filter(lot -> lot.remaining() > 0).map(Lot::unit)
                .filter(CreditUnit::isCash).distinct().toList();
        boughtWithCharge.forEach(lot -> remove(ledger, lot, lot.remaining(), RemovalKind.CLAWED_BACK,
                command.reference(), now));
        cashChanged.forEach(unit -> ledger.cash().changed(ledger, unit, now));
    }

    /** An operator's void of what is left in a lot, with a reason. */
    static void voidLot(CreditLedger ledger, VoidLot command, Instant now) {
        if (!ledger.lots().contains(command.lotId())) {
            throw RuleViolation.notFound("Lot " + command.lotId());
        }
        Lot lot = ledger.lots().lot(command.lotId());
        if (!lot.isOpen() || lot.remaining() == 0) {
            throw LedgerRuleViolation.conflict("nothing-to-void", "Nothing to void",
                    "Lot " + lot.id() + " has nothing left to void.");
        }
        apply(new LotRemoved(ledger.id(), ledger.tenant(), amountOf(lot, lot.remaining()), RemovalKind.VOIDED,
                command.reason(), now, command.actor()));
        if (lot.unit().isCash()) {
            ledger.cash().changed(ledger, lot.unit(), now);
        }
    }

    /** Expired lots are closed before anything is allocated. */
    static void expireDue(CreditLedger ledger, Instant now) {
        ledger.lots().dueForExpiry(now)
                .forEach(lot -> remove(ledger, lot, lot.remaining(), RemovalKind.EXPIRED, null, now));
    }

    /** Credits given back to a lot that was expired, forfeited, clawed back or voided meanwhile go the same way. */
    static void againFromClosedLots(CreditLedger ledger, List<Allocation> givenBack, Instant now) {
        for (Allocation allocation : givenBack) {
            Lot lot = ledger.lots().lot(allocation.lotId());
            if (!lot.isOpen()) {
                long back = Math.min(allocation.amount(), lot.remaining());
                if (back > 0) {
                    remove(ledger, lot, back, lot.closedAs(), "returned after " + lot.closedAs(), now);
                }
            } else if (lot.expiresAt() != null && !lot.expiresAt().isAfter(now)) {
                remove(ledger, lot, lot.remaining(), RemovalKind.EXPIRED, null, now);
            }
        }
    }

    /** The part of credits given back that stays usable: not what goes to a lot that closed or expired meanwhile. */
    static List<Allocation> staysUsable(LotBook lots, List<Allocation> givenBack, Instant now) {
        return givenBack.stream().filter(allocation -> {
            Lot lot = lots.lot(allocation.lotId());
            return lot.isOpen() && (lot.expiresAt() == null || lot.expiresAt().isAfter(now));
        }).toList();
    }

    private static void remove(CreditLedger ledger, Lot lot, long amount, RemovalKind kind, String reference,
                               Instant now) {
        apply(new LotRemoved(ledger.id(), ledger.tenant(), amountOf(lot, amount), kind, reference, now));
    }

    private static LotAmount amountOf(Lot lot, long amount) {
        return new LotAmount(lot.id(), lot.unit(), lot.source(), amount);
    }

    private LotRemovals() {
    }
}
