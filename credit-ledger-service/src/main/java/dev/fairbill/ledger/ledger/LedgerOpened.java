package dev.fairbill.ledger.ledger;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.axon.naming.StoredAs;

/**
 * @param role      the account's role; {@code null} in ledgers opened before roles were recorded
 * @param testClock the test clock the account lives on, or null for the wall clock
 */
@StoredAs("ledger.LedgerOpened")
@Revision("1")
public record LedgerOpened(LedgerId ledgerId, String tenant, String parentAccountId, Instant openedAt, String role,
                           String testClock) {

    public LedgerOpened(LedgerId ledgerId, String tenant, String parentAccountId, Instant openedAt, String role) {
        this(ledgerId, tenant, parentAccountId, openedAt, role, null);
    }
}
