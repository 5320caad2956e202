package dev.fairbill.billing.web;

import dev.fairbill.billing.catalog.CatalogProduct;
import dev.fairbill.billing.catalog.ProductKind;
import dev.fairbill.platform.money.Money;

/**
 * A product of the tenant's catalog: a credit pack ({@code credits}) or a delivery order ({@code quantity}, refill
 * window and maximum delivery time, in whole days and hours).
 */
public record ProductResponse(String id, String name, ProductKind kind, Money price, Long credits, Long quantity,
                              Long refillWindowDays, Long maxDeliveryHours) {

    static ProductResponse of(CatalogProduct product) {
        boolean pack = product.kind() == ProductKind.CREDIT_PACK;
        return new ProductResponse(product.id(), product.name(), product.kind(), product.price(),
                pack ? product.credits() : null, pack ? null : product.quantity(),
                pack ? null : product.refillWindow().toDays(), pack ? null : product.maxDeliveryTime().toHours());
    }
}
