package dev.fairbill.refund.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One YAML mapping of a policy file (the document or a clause), read strictly: unknown keys, missing keys and values
 * of the wrong type are problems that name the file and the clause.
 */
final class YamlFields {

    private final Map<?, ?> map;
    private final String file;
    private final String clauseId;

    private YamlFields(Map<?, ?> map, String file, String clauseId) {
        this.map = map;
        this.file = file;
        this.clauseId = clauseId;
    }

    static YamlFields of(Object node, String file, String clauseId, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new InvalidPolicyException(file, clauseId, what + " must be a mapping of keys to values");
        }
        return new YamlFields(map, file, clauseId);
    }

    String file() {
        return file;
    }

    YamlFields inClause(String id) {
        return new YamlFields(map, file, id);
    }

    void allowOnly(Set<String> keys) {
        Set<String> unknown = new TreeSet<>();
        map.keySet().forEach(key -> {
            if (!keys.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        });
        if (!unknown.isEmpty()) {
            throw problem("unknown field(s) " + unknown + "; allowed: " + new TreeSet<>(keys));
        }
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    String text(String key) {
        return optionalText(key).orElseThrow(() -> problem("missing " + key));
    }

    Optional<String> optionalText(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw problem(key + " must be text, not " + value);
        }
        return Optional.of(text.strip());
    }

    int positiveInt(String key) {
        if (!(map.get(key) instanceof Integer number) || number <= 0) {
            throw problem(key + " must be a positive whole number, not " + map.get(key));
        }
        return number;
    }

    Optional<List<?>> list(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw problem(key + " must be a list, not " + value);
        }
        return Optional.of(list);
    }

    <E extends Enum<E>> Optional<E> optionalEnum(String key, Class<E> type, String what) {
        return optionalText(key).map(name -> constant(name, type, what));
    }

    <E extends Enum<E>> E constant(String name, Class<E> type, String what) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(name)).findFirst()
                .orElseThrow(() -> problem("unknown " + what + " '" + name + "' (known: " + Arrays
                        .stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ")"));
    }

    InvalidPolicyException problem(String message) {
        return problem(message, null);
    }

    InvalidPolicyException problem(String message, Throwable cause) {
        return new InvalidPolicyException(file, clauseId, message, cause);
    }
}
