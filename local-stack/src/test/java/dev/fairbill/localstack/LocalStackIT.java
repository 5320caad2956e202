package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The foundation's acceptance walk-through, end to end: the real service jars as processes behind the real gateway,
 * on embedded PostgreSQL and Kafka, called only through the gateway with the fixture API keys.
 */
class LocalStackIT {

    @Test
    void accountSliceWorksThroughTheGatewayAndSurvivesARestartOfTheStackAndOfOneService() throws Exception {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        var settings = StackSettings.onFreePorts(root, Files.createTempDirectory("fairbill-local-stack-it"));
        String accountId;

        try (var stack = new LocalStack(settings, quiet())) {
            stack.start();
            var gateway = new GatewayClient(stack.gatewayUrl());
            String body = "{\"externalRef\":\"it-customer\",\"role\":\"CUSTOMER\"}";
            Map<String, String> idempotent = Map.of("Idempotency-Key", UUID.randomUUID().toString());

            var created = gateway.send("POST", "/api/v1/accounts", "sk_test_panel", body, idempotent);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            accountId = gateway.json(created).get("id").asString();

            var replay = gateway.send("POST", "/api/v1/accounts", "sk_test_panel", body, idempotent);
            assertThat(gateway.json(replay).get("id").asString()).isEqualTo(accountId);

            assertThat(gateway.get("/api/v1/accounts/" + accountId, "rk_test_panel").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/api/v1/accounts/" + accountId, "sk_test_studio").statusCode()).isEqualTo(404);
            assertThat(gateway.get("/api/v1/accounts/" + accountId, null).statusCode()).isEqualTo(401);

            var unknownField = gateway.post("/api/v1/accounts", "sk_test_panel",
                    "{\"externalRef\":\"x\",\"role\":\"CUSTOMER\",\"vip\":true}");
            assertThat(unknownField.statusCode()).isEqualTo(400);
            assertThat(unknownField.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));

            onlyTheGatewayListensBeyondLoopbackAndNoSecretIsInTheProcessList(stack);

            JsonNode ledger = gateway.json(Awaitility.await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> gateway.get("/api/v1/ledgers/" + accountId, "rk_test_panel"),
                            response -> response.statusCode() == 200));
            assertThat(ledger.get("balance").asLong()).isZero();
        }

        try (var restarted = new LocalStack(settings, quiet())) {
            restarted.start();
            var gateway = new GatewayClient(restarted.gatewayUrl());
            assertThat(gateway.get("/api/v1/accounts/" + accountId, "rk_test_panel").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/api/v1/ledgers/" + accountId, "rk_test_panel").statusCode()).isEqualTo(200);

            long billing = restarted.process(Service.BILLING).findFirst().orElseThrow().pid();
            var restart = new ProcessBuilder("bash", root.resolve("run-local.sh").toString(), "restart", "billing")
                    .redirectErrorStream(true);
            restart.environment().put("FAIRBILL_DATA", settings.dataDirectory().toString());
            Process script = restart.start();
            String said = new String(script.getInputStream().readAllBytes());
            assertThat(script.waitFor()).as(said).isZero();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> restarted.restarts().containsKey("billing"));
            restarted.awaitWhole(Duration.ofMinutes(2));
            assertThat(restarted.process(Service.BILLING).findFirst().orElseThrow().pid()).isNotEqualTo(billing);
            assertThat(gateway.get("/api/v1/accounts/" + accountId, "rk_test_panel").statusCode()).isEqualTo(200);
        }
    }

    private static void onlyTheGatewayListensBeyondLoopbackAndNoSecretIsInTheProcessList(LocalStack stack)
            throws IOException {
        for (Service service : Service.values()) {
            stack.process(service).forEach(process -> assertThat(process.info().commandLine().orElse(""))
                    .as(service + "'s command line").doesNotContain(LocalStack.LOCAL_JWT_SECRET, "password="));
        }
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .filter(network -> !isLoopback(network))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
        if (external.isEmpty()) {
            return; // a machine with only loopback has nothing to check
        }
        URI gateway = URI.create(stack.gatewayUrl());
        assertThat(connects(external.get(), gateway.getPort())).as("the gateway, the public door").isTrue();
        for (Service service : List.of(Service.BILLING, Service.LEDGER, Service.REFUND)) {
            URI api = URI.create(stack.url(service));
            assertThat(connects(external.get(), api.getPort())).as(service + " API").isFalse();
            assertThat(connects(InetAddress.getLoopbackAddress(), api.getPort())).as(service + " API").isTrue();
        }
        for (Service service : Service.values()) {
            URI management = URI.create(stack.managementUrl(service));
            assertThat(connects(external.get(), management.getPort())).as(service + " management").isFalse();
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback() || !network.isUp();
        } catch (SocketException e) {
            return true;
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
