package dev.fairbill.platform.web.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A request value refused by a strict deserializer; {@link #reason} is what the client is told about the field. */
public class RejectedValue extends MismatchedInputException {

    private final String reason;

    public RejectedValue(JsonParser parser, Class<?> targetType, String reason) {
        super(parser, reason, targetType);
        this.reason = reason;
    }

    /** What is wrong with the value, e.g. "must not contain control characters". */
    public String reason() {
        return reason;
    }
}
