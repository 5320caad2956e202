package dev.fairbill.platform.rules;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A command that a rule of the domain refuses. It names what kind of refusal it is, never how a protocol answers it:
 * the web layer turns the {@link Kind} into an HTTP status, and messaging treats every kind as a final answer that a
 * redelivery would not change. Nothing was recorded when one is thrown.
 */
public class RuleViolation extends RuntimeException {

    /** What the caller did wrong, in the words of the domain. */
    public enum Kind {
        /** A value of the request breaks a rule of its own: the fields say which. */
        INVALID,
        /** The request is well-formed, but a business rule refuses it as it stands. */
        REFUSED,
        /** The request clashes with the current state of the object; another state might accept it. */
        CONFLICT,
        /** The object is locked against every change (e.g. a frozen ledger) until someone lifts the lock. */
        LOCKED,
        /** The object the request names does not exist (or belongs to someone else, which must not show). */
        NOT_FOUND
    }

    /** One offending field of an {@link Kind#INVALID} request and why. */
    public record Field(String field, String message) {
    }

    private final Kind kind;
    private final String slug;
    private final String title;
    private final String detail;
    private final List<Field> fields;
    private final Map<String, Object> properties;

    /**
     * @param slug  the stable machine-readable name of the rule, e.g. {@code charge-not-captured}
     * @param title a short human-readable summary of the rule
     * @param detail what happened, naming the objects involved
     */
    public RuleViolation(Kind kind, String slug, String title, String detail) {
        this(kind, slug, title, detail, List.of(), Map.of());
    }

    /** @param properties more facts for the caller, e.g. the id of the object the request clashed with */
    public RuleViolation(Kind kind, String slug, String title, String detail, Map<String, Object> properties) {
        this(kind, slug, title, detail, List.of(), properties);
    }

    private RuleViolation(Kind kind, String slug, String title, String detail, List<Field> fields,
                          Map<String, Object> properties) {
        super(detail);
        this.kind = kind;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
        this.fields = List.copyOf(fields);
        this.properties = Map.copyOf(properties);
    }

    /** {@code what} (e.g. {@code "Charge ch_…"}) does not exist; the detail reads "… not found". */
    public static RuleViolation notFound(String what) {
        return new RuleViolation(Kind.NOT_FOUND, "not-found", "Not found", what + " not found");
    }

    /** One field of the request breaks a rule, e.g. an amount above what may be refunded. */
    public static RuleViolation invalid(String field, String message) {
        return invalid(List.of(new Field(field, message)));
    }

    public static RuleViolation invalid(List<Field> fields) {
        String detail = fields.stream()
                .map(field -> field.field() == null ? field.message() : field.field() + " " + field.message())
                .collect(Collectors.joining("; "));
        return new RuleViolation(Kind.INVALID, "validation-failed", "Validation failed", detail, fields, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The offending fields of an {@link Kind#INVALID} request; empty for other kinds. */
    public List<Field> fields() {
        return fields;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
