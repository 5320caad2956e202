package dev.fairbill.billing.purchase;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code PurchasePlaced} and {@code PurchasePaid} stored at revision 1, which listed the product's terms field by
 * field, as revision 2, which keeps them as a {@code PurchaseProduct}. A payment stored at revision 1 called the price
 * {@code amount} and kept only the credits it granted: its product reads with those credits.
 */
@Component
public class PurchaseProductUpcaster extends NestingUpcaster {

    private static final String PAID = "PurchasePaid";

    public PurchaseProductUpcaster() {
        super(Map.of(
                "PurchasePlaced", Map.of("product", List.of("id=productId", "kind", "price", "credits", "quantity",
                        "refillWindow", "maxDeliveryTime")),
                PAID, Map.of("product", List.of("id=productId", "kind", "price=amount", "credits=grantedCredits",
                        "quantity", "refillWindow", "maxDeliveryTime"))),
                "1", "2", Map.of());
    }

    @Override
    protected ObjectNode prepare(String simpleName, ObjectNode payload) {
        if (PAID.equals(simpleName)) {
            payload.set("grantedCredits", payload.get("credits"));
        }
        return payload;
    }
}
