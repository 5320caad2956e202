package dev.fairbill.contracts.ledger;

/**
 * A request (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE}, subject =
 * account id) to freeze a ledger for a reason, e.g. a sub-reseller's allocations while its reseller is disputed. The
 * ledger stays frozen while any freeze remains.
 */
public record FreezeLedgerRequestedV1(String accountId, String tenant, String reason, String reference) {

    public static final String TYPE = "fairbill.ledger.freeze-ledger-requested.v1";
}
