package dev.fairbill.platform.web.input;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * How request bodies read scalars, on top of Jackson: a string is a JSON string without control characters and within
 * {@link InputLimits#MAX_STRING_LENGTH}; an instant is an ISO-8601 string between {@link InputLimits#EARLIEST} and
 * {@link InputLimits#END_OF_TIME} (never an epoch number or an empty string); an enum value is one of the constant
 * names exactly (never an ordinal, another case or padded). Everything else is refused with a {@link RejectedValue}
 * that names what is allowed.
 */
public final class StrictRequestValues extends SimpleModule {

    public StrictRequestValues() {
        super("fairbill-strict-request-values");
        addDeserializer(String.class, new StrictStrings());
        addDeserializer(Instant.class, new StrictInstants());
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription.Supplier description, ValueDeserializer<?> standard) {
                return new ExactEnumNames<>(type.getRawClass());
            }
        });
    }

    static final class StrictStrings extends StdScalarDeserializer<String> {

        StrictStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RejectedValue(parser, String.class, "must be a string");
            }
            String value = parser.getString();
            if (value.length() > InputLimits.MAX_STRING_LENGTH) {
                throw new RejectedValue(parser, String.class, "must be at most " + InputLimits.MAX_STRING_LENGTH
                        + " characters long");
            }
            if (InputLimits.hasForbiddenCharacter(value)) {
                throw new RejectedValue(parser, String.class, "must not contain control characters");
            }
            return value;
        }
    }

    static final class StrictInstants extends StdScalarDeserializer<Instant> {

        private static final String ALLOWED = "must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, from "
                + InputLimits.EARLIEST + " until before " + InputLimits.END_OF_TIME;

        StrictInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RejectedValue(parser, Instant.class, ALLOWED);
            }
            String text = parser.getString();
            try {
                Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
                if (InputLimits.isWithinTime(instant)) {
                    return instant;
                }
            } catch (DateTimeParseException | ArithmeticException invalid) {
                // refused below, like an instant out of range
            }
            throw new RejectedValue(parser, Instant.class, ALLOWED);
        }
    }

    static final class ExactEnumNames<E extends Enum<E>> extends StdScalarDeserializer<E> {

        private final Map<String, E> byName;
        private final String allowed;

        @SuppressWarnings("unchecked")
        ExactEnumNames(Class<?> type) {
            super(type);
            E[] constants = ((Class<E>) type).getEnumConstants();
            this.byName = Arrays.stream(constants).collect(Collectors.toMap(Enum::name, Function.identity()));
            this.allowed = "must be one of " + Arrays.stream(constants).map(Enum::name)
                    .collect(Collectors.joining(", "));
        }

        @Override
        public E deserialize(JsonParser parser, DeserializationContext context) {
            E value = parser.hasToken(JsonToken.VALUE_STRING) ? byName.get(parser.getString()) : null;
            if (value == null) {
                throw new RejectedValue(parser, handledType(), allowed);
            }
            return value;
        }
    }
}
