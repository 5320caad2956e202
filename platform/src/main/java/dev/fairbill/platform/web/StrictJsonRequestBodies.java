package dev.fairbill.platform.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters.ServerBuilder;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import dev.fairbill.platform.web.input.StrictRequestValues;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are read strictly: an unknown field is an error rather than silently dropped (Jackson 3 ignores
 * unknown properties by default), a fraction is not truncated into an integer amount, no value is coerced from
 * another JSON type (a number is not a string, a string is not a number or a boolean, an empty string is not
 * "absent"), and strings, instants and enum values follow {@link StrictRequestValues}. Only the server side is strict;
 * Kafka messages, stored events and responses of other systems stay tolerant readers.
 */
class StrictJsonRequestBodies implements ServerHttpMessageConvertersCustomizer, Ordered {

    private final JsonMapper strictJson;

    StrictJsonRequestBodies(JsonMapper json) {
        this.strictJson = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfigDefaults(coercion -> coercion
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new StrictRequestValues())
                .build();
    }

    @Override
    public void customize(ServerBuilder builder) {
        builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strictJson));
    }

    /** After Spring Boot's own customizer, which registers the default JSON converter. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
