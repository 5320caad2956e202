package dev.fairbill.platform.axon.upcasting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
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
 * null, unless a default is given. Each event may nest different values. A field listed as {@code name=former}
 * takes the name the value gives it: the old field {@code former} moves into the value as {@code name}.
 */
public abstract class NestingUpcaster extends SingleEventUpcaster {

    private final Pattern types;
    private final String from;
    private final String to;
    private final Map<String, Map<String, List<String>>> valuesByEvent;
    private final Map<String, Object> defaults;

    /**
     * @param simpleNames the events' simple names, e.g. {@code ChargeCaptured}
     * @param from        the old revision; {@code null} for events stored without one
     * @param values      each value's name and the fields that move into it, in order
     * @param defaults    a value for a moved field the old revision did not store, by field name
     */
    protected NestingUpcaster(List<String> simpleNames, String from, String to, Map<String, List<String>> values,
                              Map<String, Object> defaults) {
        this(eachWith(simpleNames, values), from, to, defaults);
    }

    /**
     * @param valuesByEvent by event simple name, each value's name and the fields that move into it, in order
     */
    protected NestingUpcaster(Map<String, Map<String, List<String>>> valuesByEvent, String from, String to,
                              Map<String, Object> defaults) {
        this.types = Pattern.compile("(^|[.$])(" + String.join("|", valuesByEvent.keySet()) + ")$");
        this.from = from;
        this.to = to;
        this.valuesByEvent = Map.copyOf(valuesByEvent);
        this.defaults = Map.copyOf(defaults);
    }

    private static Map<String, Map<String, List<String>>> eachWith(List<String> simpleNames,
                                                                   Map<String, List<String>> values) {
        Map<String, Map<String, List<String>>> byEvent = new LinkedHashMap<>();
        simpleNames.forEach(name -> byEvent.put(name, values));
        return byEvent;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return Objects.equals(from, event.getType().getRevision())
                && types.matcher(event.getType().getName()).find();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Matcher type = types.matcher(event.getType().getName());
        if (!type.find()) {
            throw new IllegalStateException("not an event of this upcaster: " + event.getType().getName());
        }
        Map<String, List<String>> values = valuesByEvent.get(type.group(2));
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), to), ObjectNode.class,
                payload -> nest(prepare(type.group(2), payload), values));
    }

    /** Changes an old payload of the event {@code simpleName} before its fields move; by default, nothing. */
    protected ObjectNode prepare(String simpleName, ObjectNode payload) {
        return payload;
    }

    /** Moves each value's fields of an old payload into an object under the value's name. */
    protected ObjectNode nest(ObjectNode payload, Map<String, List<String>> values) {
        values.forEach((name, fields) -> {
            ObjectNode value = payload.objectNode();
            for (String spec : fields) {
                int renamed = spec.indexOf('=');
                String field = renamed < 0 ? spec : spec.substring(renamed + 1);
                String nested = renamed < 0 ? spec : spec.substring(0, renamed);
                if (payload.has(field) && !payload.get(field).isNull()) {
                    value.set(nested, payload.remove(field));
                } else {
                    payload.remove(field);
                    Object fallback = defaults.get(field);
                    if (fallback == null) {
                        value.putNull(nested);
                    } else {
                        value.putPOJO(nested, fallback);
                    }
                }
            }
            payload.set(name, value);
        });
        return payload;
    }
}
