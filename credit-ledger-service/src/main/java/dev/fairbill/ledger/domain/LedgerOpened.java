package dev.fairbill.ledger.domain;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** @param role the account's role; {@code null} in ledgers opened before roles were recorded */
@Revision("1")
public record LedgerOpened(LedgerId ledgerId, String tenant, String parentAccountId, Instant openedAt, String role) {
}
