package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the local stack's gateway as a client service would: API key, JSON, every status returned as a value. */
final class GatewayClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;

    GatewayClient(String gateway) {
        this.gateway = gateway;
    }

    HttpResponse<String> send(String method, String path, String apiKey, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    HttpResponse<String> get(String path, String apiKey) {
        return send("GET", path, apiKey, null, Map.of());
    }

    /** With a new Idempotency-Key, as the API asks of every POST that creates something or moves money. */
    HttpResponse<String> post(String path, String apiKey, String body) {
        return send("POST", path, apiKey, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** Opens an account of {@code role} under {@code parent} (or none) with the tenant's admin key. */
    String openAccount(String tenant, String role, String parent) {
        return created(post("/api/v1/accounts", "sk_test_" + tenant, """
                {"externalRef": "gw-%s", "role": "%s", "defaultPaymentMethod": "pm_card_ok"%s}"""
                .formatted(UUID.randomUUID(), role,
                        parent == null ? "" : ", \"parentAccountId\": \"" + parent + "\""))).get("id").asString();
    }

    JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Reads {@code path} until it answers 200 with a body that meets the condition (eventual consistency). */
    JsonNode awaitJson(String path, String apiKey, Predicate<JsonNode> condition) {
        return json(Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(path, apiKey), r -> r.statusCode() == 200 && condition.test(json(r))));
    }

    /**
     * Posts {@code body} (each time under a new Idempotency-Key) until it is created: for a request that names a fact
     * another service learns through Kafka, refused with 422 until the fact arrives. A refusal changes nothing.
     */
    JsonNode awaitCreated(String path, String apiKey, String body) {
        return json(Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> post(path, apiKey, body), r -> {
                    assertThat(r.statusCode()).as(r.body()).isIn(201, 422);
                    return r.statusCode() == 201;
                }));
    }

    /** Posts {@code body} until the answer is 200 and satisfies {@code condition}, e.g. a preview once facts arrived. */
    JsonNode awaitJson(String path, String apiKey, String body, Predicate<JsonNode> condition) {
        return json(Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> post(path, apiKey, body), r -> r.statusCode() == 200 && condition.test(json(r))));
    }
}
