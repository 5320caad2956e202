package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * A request to the ledger (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE},
 * subject = account id) to grant a lot: service credits, goodwill, or a refund paid as account balance
 * ({@code REFUND_BALANCE} in the refund's currency). Answered with {@link LotGrantedV1}.
 *
 * @param operationId the requester's id for this grant: granted once however often it is delivered
 * @param chargeId    for {@code REFUND_BALANCE}: the charge refunded, whose payment method a withdrawal pays back to
 */
public record GrantCreditsRequestedV1(String operationId, String accountId, String tenant, long amount, String unit,
                                      String source, Instant expiresAt, String reference, String chargeId) {

    public static final String TYPE = "fairbill.ledger.grant-credits-requested.v1";
}
