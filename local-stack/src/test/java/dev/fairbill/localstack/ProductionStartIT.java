package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.fairbill.postgres.PostgresServer;

/**
 * Each service jar started as production starts it: no profile, no secrets, a real database. None of them runs; each
 * stops within two minutes and says which secret it lacks.
 */
class ProductionStartIT {

    private static final Map<Service, String> SAYS = Map.of(
            Service.GATEWAY, "fairbill.gateway.apiKeys",
            Service.BILLING, "No webhook secrets for tenant(s)",
            Service.LEDGER, "fairbill.security.internal-jwt.secret",
            Service.REFUND, "fairbill.security.internal-jwt.secret");

    @Test
    void everyServiceWithoutItsSecretsRefusesToStartAndSaysWhichItLacks() throws Exception {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("fairbill-production-start");
        PostgresServer postgres = PostgresServer.shared();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Service service : Service.values()) {
            starts.add(CompletableFuture.runAsync(() -> startAndExpectRefusal(root, logs, postgres, service)));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
    }

    private static void startAndExpectRefusal(Path root, Path logs, PostgresServer postgres, Service service) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", service.jar(root).toString(), "--server.port=0", "--management.server.port=0"));
        if (service != Service.GATEWAY) {
            command.add("--spring.datasource.url=" + postgres.createDatabase("production_start_" + service.database));
            command.add("--spring.datasource.username=" + postgres.user());
            command.add("--spring.kafka.bootstrap-servers=127.0.0.1:1");
        }
        Path log = logs.resolve(service.module + ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("FAIRBILL_")
                    || name.startsWith("SPRING_"));
            if (postgres.password() != null) {
                builder.environment().put("SPRING_DATASOURCE_PASSWORD", postgres.password());
            }
            Process process = builder.start();
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }
            String said = Files.readString(log);
            assertThat(exited).as(service + " kept running:\n" + said).isTrue();
            assertThat(process.exitValue()).as(said).isNotZero();
            assertThat(said).as(service.module).contains(SAYS.get(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
