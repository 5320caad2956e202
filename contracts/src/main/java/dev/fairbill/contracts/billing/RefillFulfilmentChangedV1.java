package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * The delivering system reported progress on a refill of a delivery order (refill-or-refund), requested by a refund
 * case's
 * remedy. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and
 * subject = account id. A {@code COMPLETED} refill is delivered: the case that asked for it is remedied.
 *
 * @param status       {@code IN_PROGRESS}, {@code COMPLETED}, {@code PARTIAL} or {@code FAILED}
 * @param quantity     how many units the refill re-delivers
 * @param delivered    how many of them are delivered so far
 * @param currentCount what is there now on the purchase
 */
public record RefillFulfilmentChangedV1(String refillId, String caseId, String purchaseId, String accountId,
                                        String tenant, String status, long quantity, long delivered,
                                        long currentCount, Instant changedAt) {

    public static final String TYPE = "fairbill.billing.refill-fulfilment-changed.v1";
}
