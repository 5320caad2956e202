package dev.fairbill.contracts.ledger;

/**
 * A request (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE}, subject =
 * account id) to forfeit what is left of a subscription's allowance lots (final-sale-duplicates-refunded §3.1);
 * purchased credits stay.
 */
public record ForfeitAllowanceRequestedV1(String accountId, String tenant, String subscriptionId, String reason) {

    public static final String TYPE = "fairbill.ledger.forfeit-allowance-requested.v1";
}
