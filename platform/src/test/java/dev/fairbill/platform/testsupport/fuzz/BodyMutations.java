package dev.fairbill.platform.testsupport.fuzz;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hostile variants of one valid JSON body, field by field, typed by the request record the endpoint binds: wrong
 * JSON types, NUL and other control characters, 100 KB strings, huge, negative and fractional numbers, numbers as
 * strings, enum ordinals and padded or unknown names, extreme and epoch instants, missing required fields, unknown
 * fields, deep nesting, a 5 MB body, a wrong content type and bodies that are not JSON objects.
 */
public final class BodyMutations {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JSON.getNodeFactory();
    private static final String HUNDRED_KB = "x".repeat(100 * 1024);

    private final String path;
    private final ObjectNode valid;
    private final boolean typed;
    private final boolean bodyRequired;
    private final List<Mutation> mutations = new ArrayList<>();

    private BodyMutations(String path, String validJson, boolean typed, boolean bodyRequired) {
        this.path = path;
        this.valid = (ObjectNode) JSON.readTree(validJson);
        this.typed = typed;
        this.bodyRequired = bodyRequired;
    }

    /**
     * Every variant of {@code validJson}, a body of {@code type}, sent to {@code path}. Without a record type (a raw
     * body such as a webhook's) only what breaks every string's rules, and the body's shape, must be refused: what
     * else a field may hold is the sender's format, not ours. Without a required body, sending none is valid.
     */
    public static List<Mutation> of(String path, String validJson, Class<?> type, boolean bodyRequired) {
        var generator = new BodyMutations(path, validJson, type != null && type.isRecord(), bodyRequired);
        generator.fields(generator.valid, type, JsonPointer.empty(), "");
        generator.wholeBody();
        return generator.mutations;
    }

    private void fields(ObjectNode object, Class<?> recordType, JsonPointer at, String prefix) {
        for (String name : List.copyOf(object.propertyNames())) {
            RecordComponent component = component(recordType, name);
            Class<?> fieldType = component == null ? Object.class : component.getType();
            JsonPointer pointer = at.appendProperty(name);
            String field = prefix + name;
            JsonNode value = object.get(name);
            if (value.isObject()) {
                fields((ObjectNode) value, fieldType, pointer, field + ".");
                set(pointer, field, "a string instead of an object", NODES.stringNode("x"), typed);
            } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                fields((ObjectNode) value.get(0), elementType(component), pointer.appendIndex(0), field + "[0].");
            } else if (value.isArray() && !value.isEmpty() && value.get(0).isString()) {
                strings(pointer.appendIndex(0), field + "[0]", false);
            } else {
                scalar(pointer, field, fieldType, value);
            }
            boolean required = component != null && (component.isAnnotationPresent(NotNull.class)
                    || component.isAnnotationPresent(NotBlank.class) || component.isAnnotationPresent(NotEmpty.class));
            ObjectNode without = valid.deepCopy();
            JsonNode parent = without.at(pointer.head());
            if (parent instanceof ObjectNode parentObject) {
                parentObject.remove(name);
            }
            add("without " + field, without, typed && required);
        }
    }

    private void scalar(JsonPointer pointer, String field, Class<?> fieldType, JsonNode value) {
        if (fieldType.isEnum()) {
            String name = value.asString();
            set(pointer, field, "an ordinal", NODES.numberNode(0), true);
            set(pointer, field, "a padded name", NODES.stringNode(" " + name + " "), true);
            set(pointer, field, "a lower-case name", NODES.stringNode(name.toLowerCase(Locale.ROOT)),
                    !name.equals(name.toLowerCase(Locale.ROOT)));
            set(pointer, field, "an unknown name", NODES.stringNode("BANANA"), true);
        }
        if (value.isString() && fieldType != Instant.class && fieldType != Duration.class) {
            strings(pointer, field, fieldType.isEnum());
        }
        if (value.isNumber()) {
            set(pointer, field, "a negative number", NODES.numberNode(-1), typed);
            set(pointer, field, "2^63-1", NODES.numberNode(Long.MAX_VALUE), typed);
            set(pointer, field, "a number beyond 64 bits", NODES.numberNode(new BigInteger("99999999999999999999999")),
                    typed);
            set(pointer, field, "a fraction", NODES.numberNode(1.5), typed);
            set(pointer, field, "a number as a string", NODES.stringNode(value.asString()), typed);
            set(pointer, field, "a boolean", NODES.booleanNode(true), typed);
        }
        if (value.isBoolean()) {
            set(pointer, field, "a boolean as a string", NODES.stringNode("true"), typed);
            set(pointer, field, "a number", NODES.numberNode(1), typed);
        }
        if (fieldType == Instant.class) {
            set(pointer, field, "epoch seconds", NODES.numberNode(1764000000L), true);
            set(pointer, field, "an empty string", NODES.stringNode(""), true);
            set(pointer, field, "the year -999999999", NODES.stringNode("-999999999-01-01T00:00:00Z"), true);
            set(pointer, field, "the year +999999999", NODES.stringNode("+999999999-12-31T23:59:59Z"), true);
            set(pointer, field, "the year 1999", NODES.stringNode("1999-06-01T00:00:00Z"), true);
            set(pointer, field, "the year 2300", NODES.stringNode("2300-06-01T00:00:00Z"), true);
            set(pointer, field, "not a date", NODES.stringNode("yesterday"), true);
        }
        if (fieldType == Duration.class) {
            set(pointer, field, "a huge duration", NODES.stringNode("PT2562047788015215H"), true);
            set(pointer, field, "a negative duration", NODES.stringNode("-PT1H"), true);
            set(pointer, field, "not a duration", NODES.stringNode("soon"), true);
        }
        set(pointer, field, "an array", NODES.arrayNode().add(1), typed);
    }

    /** String variants: those that break every string's rules must be refused; the others must not fail. */
    private void strings(JsonPointer pointer, String field, boolean enumName) {
        set(pointer, field, "a NUL character", NODES.stringNode("a\u0000b"), true);
        set(pointer, field, "an escape character", NODES.stringNode("a\u001b[31mb"), true);
        set(pointer, field, "a 100 KB string", NODES.stringNode(HUNDRED_KB), true);
        set(pointer, field, "a number", NODES.numberNode(12), typed);
        set(pointer, field, "an object", NODES.objectNode().put("a", 1), typed);
        set(pointer, field, "emoji", NODES.stringNode("\uD83D\uDE00\uD83D\uDCB8"), enumName);
        set(pointer, field, "an empty string", NODES.stringNode(""), enumName);
    }

    private void set(JsonPointer pointer, String field, String what, JsonNode node, boolean invalid) {
        ObjectNode copy = valid.deepCopy();
        JsonNode parent = copy.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.set(pointer.last().getMatchingProperty(), node);
        } else if (parent instanceof ArrayNode array) {
            array.set(pointer.last().getMatchingIndex(), node);
        }
        add(field + " as " + what, copy, invalid);
    }

    private void wholeBody() {
        ObjectNode unknown = valid.deepCopy();
        unknown.put("vip", true);
        add("an unknown field", unknown, typed);
        String json = JSON.writeValueAsString(valid);
        add("deep nesting", json.replaceFirst("\\{", "{\"nested\": " + "[".repeat(2000) + "]".repeat(2000) + ", "),
                true);
        add("a 5 MB body", json.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(5 * 1024 * 1024) + "\", "),
                true);
        add("a JSON array", "[" + json + "]", true);
        add("broken JSON", "{\"", true);
        add("an empty body", "", bodyRequired);
        mutations.add(new Mutation("a text/plain body", path, json.getBytes(StandardCharsets.UTF_8), "text/plain",
                Map.of(), typed));
    }

    private void add(String what, JsonNode body, boolean invalid) {
        add(what, JSON.writeValueAsString(body), invalid);
    }

    private void add(String what, String body, boolean invalid) {
        mutations.add(new Mutation(what, path, body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of(),
                invalid));
    }

    private static RecordComponent component(Class<?> recordType, String name) {
        if (recordType == null || !recordType.isRecord()) {
            return null;
        }
        for (RecordComponent component : recordType.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    private static Class<?> elementType(RecordComponent component) {
        if (component != null && Collection.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return Object.class;
    }
}
