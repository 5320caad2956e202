package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * The ledger refuses consumption, holds and transfers until it is unfrozen; balances are kept. Published on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record LedgerFrozenV1(String accountId, String tenant, String reason, String reference, Instant frozenAt) {

    public static final String TYPE = "fairbill.ledger.ledger-frozen.v1";
}
