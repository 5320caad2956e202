package dev.fairbill.ledger.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import dev.fairbill.ledger.ledger.LedgerCommands.FreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.UnfreezeLedger;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerFrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerUnfrozen;

/**
 * Why a ledger is frozen: several reasons (a suspended account, a saga's freeze of a reseller's sub-resellers) can
 * freeze one ledger, and it stays frozen until every one is lifted. Part of {@link CreditLedger}; snapshots keep its
 * field among the ledger's own.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class LedgerFreezes {

    private Set<String> freezes = new LinkedHashSet<>();

    void freeze(CreditLedger ledger, FreezeLedger command, Instant now) {
        if (!freezes.contains(key(command.reason(), command.reference()))) {
            apply(new LedgerFrozen(ledger.id(), ledger.tenant(), command.reason(), command.reference(),
                    !freezes.isEmpty(), now));
        }
    }

    void unfreeze(CreditLedger ledger, UnfreezeLedger command, Instant now) {
        if (freezes.contains(key(command.reason(), command.reference()))) {
            apply(new LedgerUnfrozen(ledger.id(), ledger.tenant(), command.reason(), command.reference(),
                    freezes.size() > 1, now));
        }
    }

    boolean any() {
        return !freezes.isEmpty();
    }

    void on(LedgerFrozen event) {
        freezes.add(key(event.reason(), event.reference()));
    }

    void on(LedgerUnfrozen event) {
        freezes.remove(key(event.reason(), event.reference()));
    }

    private static String key(String reason, String reference) {
        return reason + "/" + reference;
    }
}
