package dev.fairbill.billing.charge;

import java.util.List;
import java.util.regex.Pattern;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code ChargeCaptured}, {@code ChargeFailed} and {@code ChargeAwaitingBalance} stored at revision 1, which
 * listed the charge's terms field by field, as revision 2, which keeps them as one {@link ChargeTerms} value. Matches
 * the stable names and the class names the events were stored under before they had them. A failure stored at
 * revision 1 had no {@code intentional}; it reads as false.
 */
@Component
public class ChargeTermsUpcaster extends SingleEventUpcaster {

    private static final Pattern TYPES =
            Pattern.compile("(^|[.$])(ChargeCaptured|ChargeFailed|ChargeAwaitingBalance)$");
    private static final List<String> TERMS = List.of("chargeId", "accountId", "tenant", "amount", "description",
            "subscriptionId", "billingPeriodStart", "purchaseId", "paymentMethod", "intentional");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return "1".equals(event.getType().getRevision()) && TYPES.matcher(event.getType().getName()).find();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), "2"), ObjectNode.class,
                ChargeTermsUpcaster::nestTerms);
    }

    /** Moves the terms' fields of a revision 1 payload into {@code terms}. */
    static ObjectNode nestTerms(ObjectNode payload) {
        ObjectNode terms = payload.objectNode();
        for (String field : TERMS) {
            terms.set(field, payload.has(field) ? payload.remove(field) : null);
        }
        if (terms.get("intentional") == null || terms.get("intentional").isNull()) {
            terms.put("intentional", false);
        }
        payload.set("terms", terms);
        return payload;
    }
}
