package dev.fairbill.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.fairbill.platform.testsupport.PostgresServer;

/**
 * The whole suite on one machine with nothing installed: an embedded PostgreSQL (one database per service, data kept
 * under {@code .fairbill/}), a real Kafka broker in this JVM, and the four services as their own processes, exactly as
 * they run in production. Stops everything cleanly on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

    /** Local only: the gateway and the services share it to sign and verify the internal JWT. */
    static final String LOCAL_JWT_SECRET = "local-dev-internal-jwt-secret-change-me-0123456789";
    static final List<String> TENANTS = List.of("panel", "studio", "imaging", "smm", "chat");
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    /** Quick start over peak speed: the C1 compiler only, and a small heap per service. */
    private static final List<String> DEVELOPMENT_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xmx512m");

    private final StackSettings settings;
    private final PrintStream out;
    private final Set<Service> services;
    private final List<String> jvmOptions;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private PostgresServer postgres;
    private EmbeddedKafkaBroker kafka;

    LocalStack(StackSettings settings, PrintStream out) {
        this(settings, out, EnumSet.allOf(Service.class), DEVELOPMENT_JVM_OPTIONS);
    }

    /** Runs only {@code services} (the gateway still routes to the others' ports), each JVM with {@code jvmOptions}. */
    LocalStack(StackSettings settings, PrintStream out, Set<Service> services, List<String> jvmOptions) {
        this.settings = settings;
        this.out = out;
        this.services = EnumSet.copyOf(services);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("fairbill.root", ".")).toAbsolutePath().normalize();
        var stack = new LocalStack(StackSettings.defaults(root), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("Fairbill local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        stack.printWelcome();
        Thread.currentThread().join();
    }

    void start() throws IOException {
        for (Service service : services) {
            if (!Files.isRegularFile(service.jar(settings.root()))) {
                throw new IllegalStateException(service.jar(settings.root()) + " is missing; build with "
                        + "./mvnw -B package -DskipTests");
            }
        }
        Files.createDirectories(settings.dataDirectory().resolve("logs"));
        out.println("Starting PostgreSQL (data in " + settings.postgresDirectory() + ") ...");
        postgres = PostgresServer.start(settings.postgresDirectory(), settings.postgresPort());
        out.println("Starting Kafka (KRaft) on localhost:" + settings.kafkaPort() + " ...");
        kafka = new EmbeddedKafkaKraftBroker(1, 6).kafkaPorts(settings.kafkaPort())
                .brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        for (Service service : services) {
            processes.put(service, launch(service));
        }
        awaitReady(services);
    }

    /** Stops one service as Ctrl-C would (its shutdown hooks run), leaving the rest of the stack running. */
    synchronized void stop(Service service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            awaitExit(process);
        }
    }

    /** Starts a service {@link #stop stopped} before, with the same arguments, and waits until it is ready. */
    void start(Service service) throws IOException {
        synchronized (this) {
            processes.put(service, launch(service));
        }
        awaitReady(Set.of(service));
    }

    private Process launch(Service service) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", service.jar(settings.root()).toString()));
        command.addAll(arguments(service));
        command.addAll(settings.extraArguments(service));
        Path log = settings.dataDirectory().resolve("logs").resolve(service.module + ".log");
        out.println("Starting " + service.module + " on :" + settings.httpPort(service) + " (log: " + log + ")");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private List<String> arguments(Service service) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + settings.httpPort(service),
                "--management.server.port=" + settings.managementPort(service),
                "--fairbill.security.internal-jwt.secret=" + LOCAL_JWT_SECRET));
        if (service == Service.GATEWAY) {
            args.add("--spring.profiles.active=local");
            args.add("--fairbill.gateway.services.billing.uri=http://localhost:" + settings.httpPort(Service.BILLING));
            args.add("--fairbill.gateway.services.ledger.uri=http://localhost:" + settings.httpPort(Service.LEDGER));
            args.add("--fairbill.gateway.services.refund.uri=http://localhost:" + settings.httpPort(Service.REFUND));
        } else {
            args.add("--spring.datasource.url=" + postgres.createDatabase(service.database));
            args.add("--spring.datasource.username=" + postgres.user());
            args.add("--spring.datasource.password=" + postgres.password());
            args.add("--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString());
        }
        return args;
    }

    private void awaitReady(Set<Service> starting) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        for (Service service : starting) {
            URI readiness = URI.create("http://localhost:" + settings.managementPort(service)
                    + "/actuator/health/readiness");
            while (!ready(http, readiness)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    Path log = settings.dataDirectory().resolve("logs").resolve(service.module + ".log");
                    throw new IllegalStateException(service.module + " exited with " + process.exitValue()
                            + "; see " + log + ", which ends:\n" + tail(log, 40));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service.module + " was not ready within " + STARTUP_TIMEOUT);
                }
                sleep(Duration.ofMillis(250));
            }
        }
    }

    /** The last {@code lines} lines of a service's log, so a failed start says why wherever it runs (CI keeps no files). */
    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean ready(HttpClient http, URI readiness) {
        try {
            return http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String gatewayUrl() {
        return url(Service.GATEWAY);
    }

    /** The service's own HTTP port, behind the gateway: callers need an internal JWT signed with the local secret. */
    String url(Service service) {
        return "http://localhost:" + settings.httpPort(service);
    }

    /** The service's management port: health and {@code /actuator/prometheus}, never routed by the gateway. */
    String managementUrl(Service service) {
        return "http://localhost:" + settings.managementPort(service);
    }

    PostgresServer postgres() {
        return postgres;
    }

    /** Where the embedded PostgreSQL keeps its data (and its postmaster's pid). */
    Path postgresDirectory() {
        return settings.postgresDirectory();
    }

    String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    /** The running service's process, if this stack runs it. */
    Stream<ProcessHandle> process(Service service) {
        Process process = processes.get(service);
        return process == null ? Stream.empty() : Stream.of(process.toHandle());
    }

    private void printWelcome() {
        out.println();
        out.println("Fairbill is running. Everything goes through the gateway: " + gatewayUrl());
        out.println("  services: billing :" + settings.httpPort(Service.BILLING) + ", ledger :"
                + settings.httpPort(Service.LEDGER) + ", refund :" + settings.httpPort(Service.REFUND)
                + " (internal; call them through the gateway)");
        out.println("  PostgreSQL: " + postgres.jdbcUrl("postgres") + "   Kafka: " + kafka.getBrokersAsString());
        out.println("  tenants and API keys (admin / read-only):");
        TENANTS.forEach(tenant -> out.printf("    %-8s sk_test_%s / rk_test_%s%n", tenant, tenant, tenant));
        out.println("  try: curl -s -X POST " + gatewayUrl() + "/api/v1/accounts -H 'Authorization: Bearer "
                + "sk_test_panel' -H 'Content-Type: application/json' -d '{\"externalRef\":\"c1\",\"role\":"
                + "\"CUSTOMER\"}'");
        out.println("Press Ctrl-C to stop.");
    }

    @Override
    public synchronized void close() {
        List<Process> running = new ArrayList<>(processes.values());
        running.forEach(Process::destroy);
        running.forEach(LocalStack::awaitExit);
        processes.clear();
        if (kafka != null) {
            kafka.destroy();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
