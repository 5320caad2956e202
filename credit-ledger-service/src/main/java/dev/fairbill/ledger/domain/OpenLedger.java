package dev.fairbill.ledger.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens the empty credit ledger of an account that billing has just opened. */
public record OpenLedger(@TargetAggregateIdentifier LedgerId ledgerId, String tenant, String parentAccountId) {
}
