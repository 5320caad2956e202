package dev.fairbill.ledger.domain;

import java.time.Instant;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LedgerOpened(LedgerId ledgerId, String tenant, String parentAccountId, Instant openedAt) {
}
