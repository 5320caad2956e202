package dev.fairbill.contracts.ledger;

/**
 * A request (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE}, subject =
 * account id) to lift the freeze placed for {@code reason} and {@code reference}.
 */
public record UnfreezeLedgerRequestedV1(String accountId, String tenant, String reason, String reference) {

    public static final String TYPE = "fairbill.ledger.unfreeze-ledger-requested.v1";
}
