package dev.fairbill.billing.purchase;

import java.time.Duration;

import dev.fairbill.platform.money.Money;

/**
 * The catalog product as it was when bought: a purchase keeps its price and terms even if the catalog changes later.
 *
 * @param credits         PURCHASED credits a credit pack grants, 0 for delivery orders
 * @param quantity        units a delivery order delivers, 0 for credit packs
 * @param refillWindow    delivery orders: how long after completion a dropped count is refilled, else null
 * @param maxDeliveryTime delivery orders: the estimated maximum time to deliver, else null
 */
public record PurchaseProduct(String id, Kind kind, Money price, long credits, long quantity, Duration refillWindow,
                              Duration maxDeliveryTime) {

    public enum Kind {
        /** Grants its credits once paid (final-sale-reseller §5, final-sale-duplicates-refunded §3.2). */
        CREDIT_PACK,
        /** Delivered by another system, which reports fulfilment (refill-or-refund). */
        DELIVERY_ORDER
    }
}
