package dev.fairbill.billing.purchase;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the purchase events stored at revision 1, which listed their values field by field, as revision 2, which
 * keeps them as values: the product's terms as a {@code PurchaseProduct}, a delivery report as a
 * {@code FulfilmentProgress}. A payment stored at revision 1 called the price {@code amount} and kept only the
 * credits it granted: its product reads with those credits.
 */
@Component
public class PurchaseUpcaster extends NestingUpcaster {

    private static final String PAID = "PurchasePaid";
    private static final List<String> PROGRESS = List.of("status", "delivered", "currentCount");

    public PurchaseUpcaster() {
        super(Map.of(
                "PurchasePlaced", Map.of("product", List.of("id=productId", "kind", "price", "credits", "quantity",
                        "refillWindow", "maxDeliveryTime")),
                PAID, Map.of("product", List.of("id=productId", "kind", "price=amount", "credits=grantedCredits",
                        "quantity", "refillWindow", "maxDeliveryTime")),
                "PurchaseFulfilmentChanged", Map.of("progress", PROGRESS),
                "RefillFulfilmentChanged", Map.of("progress", PROGRESS)),
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
