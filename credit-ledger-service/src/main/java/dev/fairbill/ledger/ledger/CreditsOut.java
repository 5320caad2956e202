package dev.fairbill.ledger.ledger;

import static dev.fairbill.ledger.ledger.Allocations.sum;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.fairbill.ledger.ledger.LedgerCommands.ConsumeCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.TransferCredits;
import dev.fairbill.ledger.ledger.LedgerEvents.Coverage;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;

/**
 * Credits leaving a ledger for good: consumed (soonest expiry first, then oldest; beyond the balance only within the
 * tenant's overdraft limit) or transferred to a sub-reseller. Part of {@link CreditLedger}, without state of its own.
 */
final class CreditsOut {

    static ConsumptionResult consume(CreditLedger ledger, ConsumeCredits command, Instant now,
                                     LedgerSettings settings) {
        CreditLedger.requirePositive(command.amount());
        ledger.requireNotFrozen();
        ledger.expireDueLots(now);
        LotBook lots = ledger.lots();
        long usable = lots.usableBalance(CreditUnit.CREDIT, now);
        long shortfall = Math.max(0, command.amount() - usable);
        long overdraftLimit = settings.tenant(ledger.tenant()).overdraftLimit();
        long overdrawn = ledger.overdrawn();
        if (shortfall > 0 && overdrawn + shortfall > overdraftLimit) {
            throw LedgerRuleViolation.insufficientCredits(ledger.id(), command.amount(),
                    usable + Math.max(0, overdraftLimit - overdrawn));
        }
        List<Allocation> allocations = lots.allocate(CreditUnit.CREDIT, command.amount(), now);
        long balanceAfter = lots.balance(CreditUnit.CREDIT) - sum(allocations) - (overdrawn + shortfall);
        apply(new CreditsConsumed(ledger.id(), ledger.tenant(), command.operationId(), command.consumptionId(),
                command.reference(), command.amount(), new Coverage(allocations, shortfall, balanceAfter), now));
        return new ConsumptionResult(command.consumptionId(), false, command.amount(), allocations, balanceAfter);
    }

    /**
     * final-sale-reseller §5: a reseller allocates credits to its sub-resellers. The credits leave in consumption
     * order; the lot the sub-reseller receives expires when the soonest of them would have.
     */
    static void transfer(CreditLedger ledger, TransferCredits command, Instant now) {
        CreditLedger.requirePositive(command.amount());
        ledger.requireNotFrozen();
        if (command.toLedgerId().equals(ledger.id())) {
            throw LedgerRuleViolation.invalid("transfer-to-self", "Transfer to itself",
                    "Credits can only be transferred to a sub-reseller.");
        }
        ledger.expireDueLots(now);
        LotBook lots = ledger.lots();
        long usable = lots.usableBalance(CreditUnit.CREDIT, now);
        if (command.amount() > usable) {
            throw LedgerRuleViolation.insufficientCredits(ledger.id(), command.amount(), usable);
        }
        List<Allocation> allocations = lots.allocate(CreditUnit.CREDIT, command.amount(), now);
        Instant expiresAt = allocations.stream().map(a -> lots.lot(a.lotId()).expiresAt()).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        apply(new CreditsTransferred(ledger.id(), ledger.tenant(), command.transferId(), command.toLedgerId(),
                command.amount(), allocations, expiresAt, now));
    }

    private CreditsOut() {
    }
}
