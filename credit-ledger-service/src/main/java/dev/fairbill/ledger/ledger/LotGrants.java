package dev.fairbill.ledger.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import org.axonframework.deadline.DeadlineManager;

import dev.fairbill.ledger.ledger.CreditLedger.LotExpiryDue;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerEvents.LotAmount;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotOrigin;
import dev.fairbill.ledger.ledger.LedgerEvents.OverdraftSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.TierChanged;

/**
 * Grants: a lot of the right unit for its source, within the balance limit, expiring in the future (cash never); it
 * settles an overdraft first, and purchased credits may raise the reseller's tier (final-sale-reseller §5). Part of
 * {@link CreditLedger}, without state of its own.
 */
final class LotGrants {

    static LotId grant(CreditLedger ledger, GrantLot command, Instant now, DeadlineManager deadlines,
                       LedgerSettings settings) {
        requireValid(ledger.lots(), command, now);
        apply(new LotGranted(ledger.id(), ledger.tenant(), command.operationId(),
                new LotAmount(command.lotId(), command.unit(), command.source(), command.amount()),
                CreditLedger.micros(command.expiresAt()),
                new LotOrigin(command.reference(), command.chargeId(), command.subscriptionId()), now,
                command.actor()));
        if (command.expiresAt() != null) {
            deadlines.schedule(command.expiresAt(), CreditLedger.LOT_EXPIRY, new LotExpiryDue(command.lotId()));
        }
        if (command.unit().isCash()) {
            ledger.cash().changed(ledger, command.unit(), now);
        } else if (ledger.overdrawn() > 0) {
            apply(new OverdraftSettled(ledger.id(), ledger.tenant(), command.lotId(),
                    Math.min(ledger.overdrawn(), command.amount()), now));
        }
        if (command.source() == LotSource.PURCHASED) {
            long purchased = ledger.lifetimePurchased();
            LedgerSettings.Tier reached = settings.tenant(ledger.tenant()).tierFor(purchased);
            if (reached != null && !reached.name().equals(ledger.tier())) {
                apply(new TierChanged(ledger.id(), ledger.tenant(), reached.name(), purchased, now,
                        reached.subResellers()));
            }
        }
        return command.lotId();
    }

    private static void requireValid(LotBook lots, GrantLot command, Instant now) {
        if (command.amount() <= 0) {
            throw LedgerRuleViolation.invalid("invalid-amount", "Invalid amount", "A grant must be positive.");
        }
        if (lots.balance(command.unit()) > CreditLedger.MAX_BALANCE - command.amount()) {
            throw LedgerRuleViolation.invalid("balance-limit", "Balance limit", "A ledger holds at most "
                    + CreditLedger.MAX_BALANCE + " of a unit; this grant would take " + command.unit() + " past it.");
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

    private LotGrants() {
    }
}
