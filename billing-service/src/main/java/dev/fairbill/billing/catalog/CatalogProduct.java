package dev.fairbill.billing.catalog;

import java.time.Duration;

import dev.fairbill.platform.money.Money;

/**
 * A one-time product of a tenant's catalog.
 *
 * @param credits         purchased credits granted by a credit pack, 0 otherwise
 * @param quantity        units delivered by a delivery order, 0 otherwise
 * @param refillWindow    refill window of a delivery order after completion, {@code null} for credit packs
 * @param maxDeliveryTime when an unfinished delivery order counts as stalled, {@code null} for credit packs
 */
public record CatalogProduct(String id, String name, ProductKind kind, Money price, long credits, long quantity,
                             Duration refillWindow, Duration maxDeliveryTime) {
}
