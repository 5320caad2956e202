package dev.fairbill.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load's door to the suite, as a client service uses it: the gateway with a tenant's fixture API keys (read-only
 * keys for reads, admin keys for writes, a new {@code Idempotency-Key} on each write) and processors' signed webhooks.
 * Every request has a client-side timeout; whatever happens comes back as an {@link Answer}, never as an exception.
 */
final class LoadGateway {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;

    LoadGateway(String gateway) {
        this.gateway = gateway;
    }

    Answer get(String tenant, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer rk_test_" + tenant).GET());
    }

    Answer post(String tenant, String path, String body) {
        return post(tenant, path, body, UUID.randomUUID().toString());
    }

    /** A write with the given key: sent again with the same key and body, it has one effect. */
    Answer post(String tenant, String path, String body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer sk_test_" + tenant)
                .header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A Stripe event delivered to the tenant's webhook endpoint, signed with the tenant's endpoint secret. */
    Answer stripeWebhook(String tenant, String event) {
        return send(HttpRequest.newBuilder(uri("/webhooks/stripe/" + tenant)).header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeWebhooks.signature(event, "whsec_test_" + tenant))
                .POST(HttpRequest.BodyPublishers.ofString(event)));
    }

    JsonNode json(Answer answer) {
        return json.readTree(answer.body());
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Answer.received(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").isPresent(), started);
        } catch (HttpTimeoutException e) {
            return Answer.none(Answer.Kind.TIMEOUT, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", started);
        } catch (IOException e) {
            return Answer.none(Answer.Kind.IO_ERROR, e.toString(), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none(Answer.Kind.IO_ERROR, "interrupted", started);
        }
    }

    private URI uri(String path) {
        return URI.create(gateway + path);
    }
}
