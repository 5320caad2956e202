package dev.fairbill.contracts.billing;

import java.time.Duration;
import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A one-time purchase was paid. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents
 * type {@value #TYPE} and subject = account id.
 *
 * @param kind    {@code CREDIT_PACK} or {@code DELIVERY_ORDER}
 * @param credits {@code PURCHASED} credits to grant for a credit pack (final-sale-reseller §5,
 * final-sale-duplicates-refunded §3.2); 0 for orders
 * @param purchasedAt     when it was bought (an imported purchase's past date)
 * @param refillWindow    for a delivery order: how long after completion a dropped count is refilled (refill-or-refund)
 * @param maxDeliveryTime for a delivery order: the longest delivery may take before it counts as stalled
 */
public record PurchasePaidV1(String purchaseId, String accountId, String tenant, String productId, String kind,
                             String chargeId, MoneyAmount amount, long credits, long quantity,
                             Instant purchasedAt, Instant paidAt, Duration refillWindow, Duration maxDeliveryTime) {

    public static final String TYPE = "fairbill.billing.purchase-paid.v1";
}
