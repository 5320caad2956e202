package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * The delivering system reported progress on a delivery order (refill-or-refund). Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param status       {@code NOT_STARTED}, {@code IN_PROGRESS}, {@code COMPLETED}, {@code PARTIAL} or {@code FAILED}
 * @param currentCount what is there now (may drop below {@code delivered} after completion)
 * @param completedAt  when delivery completed, or {@code null}; the refill window counts from it
 */
public record PurchaseFulfilmentChangedV1(String purchaseId, String accountId, String tenant, String productId,
                                          String status, long ordered, long delivered, long currentCount,
                                          Instant completedAt, Instant changedAt) {

    public static final String TYPE = "fairbill.billing.purchase-fulfilment-changed.v1";
}
