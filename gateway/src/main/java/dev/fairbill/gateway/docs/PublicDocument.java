package dev.fairbill.gateway.docs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The combined public OpenAPI document, built once from the services' own documents the first time it is asked for
 * and kept from then on (a deployment's services and gateway change together). While a service cannot be read the
 * document is not built; it is tried again at most once per retry interval.
 */
public final class PublicDocument {

    private static final Logger log = LoggerFactory.getLogger(PublicDocument.class);
    static final String SERVICE_DOCUMENT = "/v3/api-docs";
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    private final PublicRoutes routes;
    private final CombinedOpenApi combiner;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final ReentrantLock building = new ReentrantLock();
    private volatile byte[] document;
    private volatile Instant nextAttempt = Instant.MIN;

    public PublicDocument(PublicRoutes routes, Clock clock, Duration timeout) {
        this.routes = routes;
        this.combiner = new CombinedOpenApi(routes);
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The document as JSON, or empty while a service's part of it cannot be read. */
    public Optional<byte[]> json() {
        byte[] built = document;
        if (built != null) {
            return Optional.of(built);
        }
        building.lock();
        try {
            if (document == null && !clock.instant().isBefore(nextAttempt)) {
                nextAttempt = clock.instant().plus(RETRY_INTERVAL);
                document = build();
            }
            return Optional.ofNullable(document);
        } finally {
            building.unlock();
        }
    }

    private byte[] build() {
        Map<URI, JsonNode> services = new LinkedHashMap<>();
        for (URI service : routes.services()) {
            Optional<JsonNode> own = read(service);
            if (own.isEmpty()) {
                return null;
            }
            services.put(service, own.get());
        }
        byte[] combined = json.writeValueAsBytes(combiner.combine(services));
        log.info("public OpenAPI document built from {} services, {} bytes", services.size(), combined.length);
        return combined;
    }

    private Optional<JsonNode> read(URI service) {
        URI address = URI.create(service.toString().replaceAll("/+$", "") + SERVICE_DOCUMENT);
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(address).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                log.warn("cannot read the OpenAPI document of {}: status {}", service, answer.statusCode());
                return Optional.empty();
            }
            return Optional.of(json.readTree(answer.body()));
        } catch (IOException | JacksonException e) {
            log.warn("cannot read the OpenAPI document of {}: {}", service, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
