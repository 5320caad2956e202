package dev.fairbill.platform.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for integration tests: every status comes back as a value, nothing throws on 4xx/5xx. Like a
 * well-behaved caller it sends a new {@code Idempotency-Key} with every POST that names none, unless the headers
 * hold {@link #WITHOUT_IDEMPOTENCY_KEY}.
 */
public final class ApiClient {

    /** A header that is never sent: it asks for a POST without an Idempotency-Key. */
    public static final String WITHOUT_IDEMPOTENCY_KEY = "X-Test-Without-Idempotency-Key";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String jsonBody, Map<String, String> headers) {
        return send("POST", path, jsonBody, headers);
    }

    public Response send(String method, String path, String jsonBody, Map<String, String> headers) {
        return send(method, path, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8),
                "application/json", headers);
    }

    /** Any bytes with any content type, for requests a well-behaved client would not send. */
    public Response send(String method, String path, byte[] body, String contentType, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase(WITHOUT_IDEMPOTENCY_KEY)) {
                request.header(name, value);
            }
        });
        boolean keyNamed = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Idempotency-Key")
                || name.equalsIgnoreCase(WITHOUT_IDEMPOTENCY_KEY));
        if ("POST".equals(method) && !keyNamed) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean retryable = !"POST".equals(method) || !headers.containsKey(WITHOUT_IDEMPOTENCY_KEY);
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException unanswered) {
                if (!retryable || !closedBeforeAnswering(unanswered)) {
                    throw unanswered;
                }
                // a pooled connection the server closed as the request went out; the request carries its
                // Idempotency-Key (or is not a POST), so sending it again has one effect, as for any caller
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            }
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), values.getFirst()));
            return new Response(response.statusCode(), response.body(), responseHeaders);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** Whether the server closed the connection before any byte of an answer arrived. */
    private static boolean closedBeforeAnswering(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** @param headers lower-cased names, first value */
    public record Response(int status, String body, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }
}
