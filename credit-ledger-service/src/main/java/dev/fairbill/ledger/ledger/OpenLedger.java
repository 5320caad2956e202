package dev.fairbill.ledger.ledger;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens the empty credit ledger of an account that billing has just opened.
 *
 * @param role      {@code CUSTOMER}, {@code RESELLER} or {@code SUB_RESELLER}: transfers go to sub-resellers only
 * @param testClock the test clock the account lives on, or null for the wall clock
 */
public record OpenLedger(@TargetAggregateIdentifier LedgerId ledgerId, String tenant, String role,
                         String parentAccountId, String testClock) {

    public OpenLedger(LedgerId ledgerId, String tenant, String role, String parentAccountId) {
        this(ledgerId, tenant, role, parentAccountId, null);
    }
}
