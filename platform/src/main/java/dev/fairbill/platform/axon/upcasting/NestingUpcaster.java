package dev.fairbill.platform.axon.upcasting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an event stored at one revision, which listed a value object's fields one by one, as the next revision, which
 * keeps them as one value: the listed fields move into an object under the value's name. Matches an event by its
 * simple name, so it reads events stored under the stable name ({@code billing.ChargeCaptured}) and under the class
 * name they had before ({@code …ChargeEvents$ChargeCaptured}) alike. A field the old revision did not store moves as
 * null, unless a default is given.
 */
public abstract class NestingUpcaster extends SingleEventUpcaster {

    private final Pattern types;
    private final String from;
    private final String to;
    private final Map<String, List<String>> values;
    private final Map<String, Object> defaults;

    /**
     * @param simpleNames the events' simple names, e.g. {@code ChargeCaptured}
     * @param values      each value's name and the fields that move into it, in order
     * @param defaults    a value for a moved field the old revision did not store, by field name
     */
    protected NestingUpcaster(List<String> simpleNames, String from, String to, Map<String, List<String>> values,
                              Map<String, Object> defaults) {
        this.types = Pattern.compile("(^|[.$])(" + String.join("|", simpleNames) + ")$");
        this.from = from;
        this.to = to;
        this.values = new LinkedHashMap<>(values);
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return from.equals(event.getType().getRevision()) && types.matcher(event.getType().getName()).find();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), to), ObjectNode.class,
                this::nest);
    }

    /** Moves each value's fields of an old payload into an object under the value's name. */
    public ObjectNode nest(ObjectNode payload) {
        values.forEach((name, fields) -> {
            ObjectNode value = payload.objectNode();
            for (String field : fields) {
                if (payload.has(field) && !payload.get(field).isNull()) {
                    value.set(field, payload.remove(field));
                } else {
                    payload.remove(field);
                    Object fallback = defaults.get(field);
                    if (fallback == null) {
                        value.putNull(field);
                    } else {
                        value.putPOJO(field, fallback);
                    }
                }
            }
            payload.set(name, value);
        });
        return payload;
    }
}
