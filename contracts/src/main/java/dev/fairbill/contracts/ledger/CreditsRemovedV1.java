package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * What was left of a lot was taken away by an entry, never an edit. Published on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param kind      {@code EXPIRED}, {@code FORFEITED} (subscription allowance, final-sale-duplicates-refunded §3.1),
 * {@code CLAWED_BACK}
 *                  (bought with a charge lost in a dispute) or {@code VOIDED}
 * @param reference why: the subscription, the charge, the operator's note
 */
public record CreditsRemovedV1(String accountId, String tenant, String lotId, String unit, String source,
                               long amount, String kind, String reference, Instant removedAt) {

    public static final String TYPE = "fairbill.ledger.credits-removed.v1";
}
