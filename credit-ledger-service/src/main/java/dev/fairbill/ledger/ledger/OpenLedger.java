package dev.fairbill.ledger.ledger;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens the empty credit ledger of an account that billing has just opened.
 *
 * @param role {@code CUSTOMER}, {@code RESELLER} or {@code SUB_RESELLER}: transfers go to sub-resellers only
 */
public record OpenLedger(@TargetAggregateIdentifier LedgerId ledgerId, String tenant, String role,
                         String parentAccountId) {
}
