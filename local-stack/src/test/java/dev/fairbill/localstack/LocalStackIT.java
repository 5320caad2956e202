package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance walk-through, end to end: the real service jars as processes behind the real gateway, on
 * embedded PostgreSQL and Kafka, called only through the gateway with the fixture API keys.
 */
class LocalStackIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void accountSliceWorksThroughTheGatewayAndSurvivesARestart() throws Exception {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fairbill-local-stack-it");
        // the services' ports follow the gateway's, so each base needs a block of four free ports
        var settings = new StackSettings(root, data, freeBlock(4), freeBlock(4), freePort(), freePort());
        String accountId;

        try (var stack = new LocalStack(settings, quiet())) {
            stack.start();
            String gateway = stack.gatewayUrl();
            String body = "{\"externalRef\":\"it-customer\",\"role\":\"CUSTOMER\"}";
            String key = UUID.randomUUID().toString();

            var created = send(gateway, "POST", "/api/v1/accounts", "sk_test_panel", body, key);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            accountId = json.readTree(created.body()).get("id").asString();

            var replay = send(gateway, "POST", "/api/v1/accounts", "sk_test_panel", body, key);
            assertThat(json.readTree(replay.body()).get("id").asString()).isEqualTo(accountId);

            assertThat(send(gateway, "GET", "/api/v1/accounts/" + accountId, "rk_test_panel", null, null)
                    .statusCode()).isEqualTo(200);
            assertThat(send(gateway, "GET", "/api/v1/accounts/" + accountId, "sk_test_studio", null, null)
                    .statusCode()).isEqualTo(404);
            assertThat(send(gateway, "GET", "/api/v1/accounts/" + accountId, null, null, null).statusCode())
                    .isEqualTo(401);

            var unknownField = send(gateway, "POST", "/api/v1/accounts", "sk_test_panel",
                    "{\"externalRef\":\"x\",\"role\":\"CUSTOMER\",\"vip\":true}", null);
            assertThat(unknownField.statusCode()).isEqualTo(400);
            assertThat(unknownField.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));

            JsonNode ledger = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> send(gateway, "GET", "/api/v1/ledgers/" + accountId, "rk_test_panel", null, null),
                            response -> response.statusCode() == 200)
                    .body().transform(json::readTree);
            assertThat(ledger.get("balance").asLong()).isZero();
        }

        try (var restarted = new LocalStack(settings, quiet())) {
            restarted.start();
            var read = send(restarted.gatewayUrl(), "GET", "/api/v1/accounts/" + accountId, "rk_test_panel", null,
                    null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(send(restarted.gatewayUrl(), "GET", "/api/v1/ledgers/" + accountId, "rk_test_panel", null,
                    null).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(String gateway, String method, String path, String apiKey, String body,
                                      String idempotencyKey) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first of {@code size} consecutive free ports. */
    private static int freeBlock(int size) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            if (first + size < 65535 && allFree(first, size)) {
                return first;
            }
        }
        throw new IllegalStateException("no block of " + size + " free ports");
    }

    private static boolean allFree(int first, int size) {
        for (int port = first; port < first + size; port++) {
            try (var socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
