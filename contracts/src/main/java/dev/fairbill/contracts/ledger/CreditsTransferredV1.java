package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * A reseller allocated credits to one of its sub-resellers (final-sale-reseller §5). Published on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and subject = the
 * reseller's account id.
 */
public record CreditsTransferredV1(String transferId, String fromAccountId, String toAccountId, String tenant,
                                   long amount, Instant transferredAt) {

    public static final String TYPE = "fairbill.ledger.credits-transferred.v1";
}
