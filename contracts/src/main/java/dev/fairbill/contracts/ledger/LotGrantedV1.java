package dev.fairbill.contracts.ledger;

import java.time.Instant;

/**
 * A lot was added to an account's ledger. Published on {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with
 * CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param unit        {@code CREDIT} or the ISO-4217 code of a cash lot ({@code REFUND_BALANCE})
 * @param source      {@code SUBSCRIPTION_ALLOWANCE}, {@code PURCHASED}, {@code TRIAL}, {@code SERVICE_CREDIT},
 *                    {@code GOODWILL}, {@code ADJUSTMENT}, {@code REFUND_BALANCE} or {@code TRANSFER}
 * @param amount      credits, or minor units of {@code unit}
 * @param expiresAt   when what is left of it expires, or {@code null} for never
 * @param reference   what it came from: a subscription, purchase, refund case, transfer…
 * @param chargeId    the charge that paid for it, or {@code null}
 * @param operationId the grant's operation id: the same operation is granted once; for a grant another service
 *                    requested ({@link GrantCreditsRequestedV1}), the requester's own operation id
 */
public record LotGrantedV1(String accountId, String tenant, String lotId, String unit, String source, long amount,
                           Instant expiresAt, String reference, String chargeId, String operationId,
                           Instant grantedAt) {

    public static final String TYPE = "fairbill.ledger.lot-granted.v1";
}
