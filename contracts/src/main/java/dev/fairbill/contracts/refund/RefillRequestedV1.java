package dev.fairbill.contracts.refund;

import java.time.Instant;

/**
 * A refund case was remedied with a refill (refill-or-refund: re-deliver inside the refill window): the delivering
 * system
 * re-delivers {@code quantity} on the purchase and reports it through billing's fulfilment endpoint. Published on
 * {@link dev.fairbill.contracts.Topics#REFUND_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id;
 * {@code refillId} is the same however often the event is delivered.
 */
public record RefillRequestedV1(String refillId, String caseId, String accountId, String tenant, String purchaseId,
                                long quantity, Instant requestedAt) {

    public static final String TYPE = "fairbill.refund.refill-requested.v1";
}
