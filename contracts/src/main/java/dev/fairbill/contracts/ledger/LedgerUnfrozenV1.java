package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * The last freeze of the ledger was lifted. Published on {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with
 * CloudEvents type {@value #TYPE} and subject = account id.
 */
public record LedgerUnfrozenV1(String accountId, String tenant, String reason, String reference,
                               Instant unfrozenAt) {

    public static final String TYPE = "fairbill.ledger.ledger-unfrozen.v1";
}
