package dev.fairbill.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The public document from the gateway's routes, and Swagger UI's files under {@code /docs/}. */
@Configuration(proxyBeanMethods = false)
public class DocsConfiguration implements WebMvcConfigurer {

    static final String SERVICES = "fairbill.gateway.services";
    static final String SWAGGER_UI = "classpath*:META-INF/resources/webjars/swagger-ui/*/swagger-ui-bundle.js";

    @Bean
    PublicDocument publicDocument(GatewayMvcProperties gateway, Environment environment, Clock clock) {
        Map<URI, String> names = new HashMap<>();
        Binder.get(environment).bind(SERVICES, Bindable.mapOf(String.class, ServiceAddress.class)).orElse(Map.of())
                .forEach((name, address) -> names.put(address.uri(), name));
        return new PublicDocument(PublicRoutes.of(gateway.getRoutes(), names), clock, Duration.ofSeconds(5));
    }

    /** Where a service listens ({@code fairbill.gateway.services.<name>.uri}). */
    record ServiceAddress(URI uri) {
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(CombinedOpenApi.DOCS_PATH + "/**").addResourceLocations(swaggerUi());
    }

    /** The folder of the Swagger UI webjar on the class path, whatever its version. */
    private static Resource swaggerUi() {
        try {
            Resource[] bundles = new PathMatchingResourcePatternResolver().getResources(SWAGGER_UI);
            if (bundles.length != 1) {
                throw new IllegalStateException("expected one Swagger UI on the class path, found " + bundles.length);
            }
            return bundles[0].createRelative("./");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find Swagger UI", e);
        }
    }
}
