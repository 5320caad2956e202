package dev.fairbill.platform.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters.ServerBuilder;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are read strictly: an unknown field is an error rather than silently dropped (Jackson 3 ignores
 * unknown properties by default), and a fraction is not truncated into an integer amount. Only the server side is
 * strict; Kafka messages, stored events and responses of other systems stay tolerant readers.
 */
class StrictJsonRequestBodies implements ServerHttpMessageConvertersCustomizer, Ordered {

    private final JsonMapper strictJson;

    StrictJsonRequestBodies(JsonMapper json) {
        this.strictJson = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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
