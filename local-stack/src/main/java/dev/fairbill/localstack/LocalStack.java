package dev.fairbill.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.fairbill.postgres.PostgresServer;

/**
 * The whole suite on one machine with nothing installed: an embedded PostgreSQL (one database per service), a Kafka
 * broker (KRaft) and the four services, each a process of its own, exactly as they run in production. Data and logs are
 * kept under {@code .fairbill/}. Stops everything cleanly on Ctrl-C.
 *
 * <p>The stack supervises what it runs: a part that dies (a crash, {@code kill -9}, or a stop asked for with
 * {@code ./run-local.sh restart <part>}) is started again within a second, with the same arguments and data. Each
 * part's pid is in {@code .fairbill/run/<part>.pid}.
 */
public final class LocalStack implements AutoCloseable {

    /** Local only: the gateway and the services share it to sign and verify the internal JWT. */
    static final String LOCAL_JWT_SECRET = "local-dev-internal-jwt-secret-change-me-0123456789";
    static final List<String> TENANTS = List.of("panel", "studio", "imaging", "smm", "chat");
    static final String LOOPBACK = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    /**
     * How every service's JVM runs, in the local stack and its benchmarks as in the image (the Dockerfile's
     * {@code JAVA_TOOL_OPTIONS}): compact object headers, so the same objects take less heap, and the C heap trimmed
     * every 2 s, so native memory the JVM has freed goes back to the system (ADR 0035).
     */
    static final List<String> RUNTIME_JVM_OPTIONS =
            List.of("-XX:+UseCompactObjectHeaders", "-XX:TrimNativeHeapInterval=2000");
    /** Quick start over peak speed: the C1 compiler only, and a small heap per service. */
    private static final List<String> DEVELOPMENT_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xmx512m");

    private final StackSettings settings;
    private final PrintStream out;
    private final Set<Service> services;
    static final String EXTRA_JVM_OPTIONS = "fairbill.service-jvm-options";

    private final List<String> jvmOptions;
    /** The stack whose PostgreSQL and Kafka this one's services use, when it runs replicas of them; else null. */
    private final LocalStack primary;
    /** Arguments that replace those of the same name on a service's command line ({@link #restartWith}). */
    private final Map<Service, List<String>> overrides = new EnumMap<>(Service.class);
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    /** Services stopped on purpose with {@link #stop(Service)}: the supervisor leaves them stopped. */
    private final Set<Service> held = EnumSet.noneOf(Service.class);
    private final Map<String, Integer> restarts = new TreeMap<>();
    /** Asks the services' readiness probes; one client for every probe of the stack's life. */
    private final HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PostgresServer postgres;
    /** The embedded PostgreSQL's server process; absent when the server is not the stack's own. */
    private Postmaster postmaster;
    private Process kafka;
    private Thread supervisor;
    private volatile boolean closing;

    LocalStack(StackSettings settings, PrintStream out) {
        this(settings, out, EnumSet.allOf(Service.class), DEVELOPMENT_JVM_OPTIONS);
    }

    /**
     * Runs only {@code services} (the gateway still routes to the others' ports), each JVM with the
     * {@linkplain #RUNTIME_JVM_OPTIONS runtime options}, {@code jvmOptions} and then those of
     * {@value #EXTRA_JVM_OPTIONS}, separated by spaces (to profile a benchmark's services, say
     * {@code -XX:StartFlightRecording=delay=90s,duration=30s,filename=/tmp/fairbill-%p.jfr}).
     */
    LocalStack(StackSettings settings, PrintStream out, Set<Service> services, List<String> jvmOptions) {
        this(settings, out, services, jvmOptions, null);
    }

    private LocalStack(StackSettings settings, PrintStream out, Set<Service> services, List<String> jvmOptions,
                       LocalStack primary) {
        this.primary = primary;
        this.settings = settings;
        this.out = out;
        this.services = EnumSet.copyOf(services);
        this.jvmOptions = Stream.of(RUNTIME_JVM_OPTIONS.stream(), jvmOptions.stream(),
                Arrays.stream(System.getProperty(EXTRA_JVM_OPTIONS, "").split(" ")).filter(option -> !option.isBlank()))
                .flatMap(options -> options).toList();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("fairbill.root", ".")).toAbsolutePath().normalize();
        var stack = new LocalStack(StackSettings.fromEnvironment(root, System.getenv()), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("Fairbill local stack failed to start: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            System.err.println("Logs: " + stack.settings.dataDirectory().resolve("logs"));
            System.exit(1);
        }
        stack.printWelcome();
        Thread.currentThread().join();
    }

    /**
     * A second instance of each of this stack's services (gateway included), on ports of their own and on this
     * stack's PostgreSQL databases and Kafka broker, as a second replica of each would run in production. Its gateway
     * routes to its own services. Its data directory holds only its logs and pids. Not started yet.
     */
    LocalStack replica(Path dataDirectory) throws IOException {
        int base = FreePorts.block(8);
        var replicaSettings = new StackSettings(settings.root(), dataDirectory, base, base + 4, settings.postgresPort(),
                settings.kafkaPort(), settings.extraArguments());
        return new LocalStack(replicaSettings, out, services, jvmOptions, this);
    }

    void start() throws IOException {
        List<Path> jars = new ArrayList<>(services.stream().map(service -> service.jar(settings.root())).toList());
        jars.add(launcherJar());
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build with ./mvnw -B package -DskipTests");
            }
        }
        Files.createDirectories(settings.dataDirectory().resolve("logs"));
        Files.createDirectories(settings.dataDirectory().resolve("run"));
        if (primary != null) {
            // a replica's services use the primary's databases and broker, which run already
            postgres = primary.postgres;
        } else {
            startPostgresAndKafka();
        }
        for (Service service : services) {
            if (primary == null && service.database != null) {
                postgres.createDatabase(service.database);
            }
            processes.put(service, launch(service));
        }
        awaitReady(services, STARTUP_TIMEOUT, true);
        supervisor = Thread.ofPlatform().daemon().name("local-stack-supervisor").start(this::supervise);
    }

    private void startPostgresAndKafka() throws IOException {
        out.println("Starting PostgreSQL (data in " + settings.postgresDirectory() + ") ...");
        try {
            postgres = PostgresServer.start(settings.postgresDirectory(), settings.postgresPort(),
                    logFile("postgres"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start (" + e.getMessage() + "); see "
                    + logFile("postgres") + ", which ends:\n" + tail(logFile("postgres"), 40), e);
        }
        if (postgres.kind().equals("embedded")) {
            postmaster = Postmaster.find(settings.postgresDirectory());
            writePid("postgres", postmaster.pid());
        }
        out.println("Starting Kafka (KRaft) on localhost:" + settings.kafkaPort() + " ...");
        kafka = launchKafka();
        awaitKafka(STARTUP_TIMEOUT, true);
    }

    /** Stops one service as Ctrl-C would (its shutdown hooks run), leaving the rest of the stack running. */
    synchronized void stop(Service service) {
        held.add(service);
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            awaitExit(process);
        }
    }

    /** Starts a service {@link #stop stopped} before, with the same arguments, and waits until it is ready. */
    void start(Service service) throws IOException {
        synchronized (this) {
            held.remove(service);
            processes.put(service, launch(service));
        }
        awaitReady(Set.of(service), STARTUP_TIMEOUT, false);
    }

    /**
     * Stops {@code service} and starts it again with {@code arguments} replacing those of the same name (e.g. the
     * gateway with another rate limit), waiting until it is ready.
     */
    void restartWith(Service service, String... arguments) throws IOException {
        stop(service);
        synchronized (this) {
            overrides.put(service, List.of(arguments));
        }
        start(service);
    }

    /** {@code kill -9} of a service, which the supervisor leaves dead until {@link #start(Service)}. */
    void killAndHold(Service service) {
        Process process;
        synchronized (this) {
            held.add(service);
            process = processes.remove(service);
        }
        if (process != null) {
            killAndWait(process.toHandle());
        }
    }

    /** {@code kill -9} of a service: no shutdown hook runs. The supervisor starts it again. */
    void kill(Service service) {
        Process process;
        synchronized (this) {
            process = processes.get(service);
        }
        if (process != null) {
            killAndWait(process.toHandle());
        }
    }

    /** {@code kill -9} of the Kafka broker. The supervisor starts it again on the same log directory. */
    void killKafka() {
        Process broker;
        synchronized (this) {
            broker = kafka;
        }
        killAndWait(broker.toHandle());
    }

    /** {@code kill -9} of PostgreSQL's server process. The supervisor starts it again; it recovers from its WAL. */
    void killPostgres() {
        if (postmaster == null) {
            throw new IllegalStateException("PostgreSQL is not the stack's own (" + postgres.kind() + ")");
        }
        postmaster.kill();
    }

    /** {@code kill -9} of {@code process}, returning once it is gone. */
    static void killAndWait(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("process " + process.pid() + " did not die", e);
        }
    }

    /**
     * Waits until every part runs again and answers: PostgreSQL takes connections, Kafka its clients, each service
     * is ready. Returns how long that took.
     */
    Duration awaitWhole(Duration atMost) {
        Instant start = Instant.now();
        Instant deadline = start.plus(atMost);
        while (!postgresAnswers()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("PostgreSQL did not come back within " + atMost);
            }
            sleep(Duration.ofMillis(200));
        }
        awaitKafka(Duration.between(Instant.now(), deadline), false);
        Set<Service> running;
        synchronized (this) {
            running = EnumSet.copyOf(services);
            running.removeAll(held);
        }
        awaitReady(running, Duration.between(Instant.now(), deadline), false);
        return Duration.between(start, Instant.now());
    }

    /**
     * Whether every part runs and answers right now: PostgreSQL and Kafka take connections, each service that is not
     * stopped on purpose is ready.
     */
    boolean whole() {
        Set<Service> running;
        synchronized (this) {
            running = EnumSet.copyOf(services);
            running.removeAll(held);
        }
        return postgresAnswers() && kafkaAnswers() && running.stream().allMatch(service -> ready(health,
                URI.create(loopbackUrl(settings.managementPort(service)) + "/actuator/health/readiness")));
    }

    /** How often the supervisor started each part again, by the part's name. */
    synchronized Map<String, Integer> restarts() {
        return Map.copyOf(restarts);
    }

    private boolean postgresAnswers() {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
                postgres.password())) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every quarter of a second: starts again each part that is not running, unless it was stopped on purpose. */
    private void supervise() {
        while (!closing) {
            try {
                superviseOnce();
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                out.println("local stack: restarting a part failed: " + e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private synchronized void superviseOnce() throws IOException {
        if (closing) {
            return;
        }
        if (postmaster != null && !postmaster.alive()) {
            out.println("PostgreSQL (pid " + postmaster.pid() + ") is not running; starting it again");
            postmaster.restart(settings.dataDirectory().resolve("logs").resolve("postgres.log"));
            writePid("postgres", postmaster.pid());
            restarts.merge("postgres", 1, Integer::sum);
        }
        if (kafka != null && !kafka.isAlive()) {
            out.println("Kafka exited with " + kafka.exitValue() + "; starting it again");
            kafka = launchKafka();
            restarts.merge("kafka", 1, Integer::sum);
        }
        for (Service service : services) {
            Process process = processes.get(service);
            if (!held.contains(service) && (process == null || !process.isAlive())) {
                out.println(service.module + " exited with " + (process == null ? "?" : process.exitValue())
                        + "; starting it again");
                processes.put(service, launch(service));
                restarts.merge(service.part(), 1, Integer::sum);
            }
        }
    }

    private Process launchKafka() throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", launcherJar().toString(), "-Dloader.main=" + KafkaNode.class.getName(),
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                settings.dataDirectory().resolve("kafka").toString(), String.valueOf(settings.kafkaPort()),
                String.valueOf(settings.kafkaControllerPort())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile("kafka").toFile())).start();
        writePid("kafka", process.pid());
        return process;
    }

    /** This module's own jar: the Kafka broker runs from it. */
    private Path launcherJar() {
        return settings.root().resolve("local-stack").resolve("target").resolve("local-stack.jar");
    }

    private void awaitKafka(Duration atMost, boolean failIfExited) {
        Instant deadline = Instant.now().plus(atMost);
        while (!kafkaAnswers()) {
            Process broker;
            synchronized (this) {
                broker = kafka;
            }
            if (failIfExited && !broker.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + broker.exitValue() + "; see "
                        + logFile("kafka") + ", which ends:\n" + tail(logFile("kafka"), 40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka did not take connections within " + atMost);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private boolean kafkaAnswers() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", settings.kafkaPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path logFile(String part) {
        return settings.dataDirectory().resolve("logs").resolve(part + ".log");
    }

    private void writePid(String part, long pid) {
        try {
            Files.writeString(settings.dataDirectory().resolve("run").resolve(part + ".pid"), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pid file of " + part, e);
        }
    }

    private Process launch(Service service) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        if (AotLaunch.enabled()) {
            try {
                command.addAll(new AotLaunch(settings.dataDirectory().resolve("aot"), javaExecutable())
                        .arguments(service.module, service.jar(settings.root())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while preparing " + service.module, e);
            }
        } else {
            command.addAll(List.of("-jar", service.jar(settings.root()).toString()));
        }
        command.addAll(replaced(Stream.of(arguments(service), settings.extraArguments(service),
                overrides.getOrDefault(service, List.of())).flatMap(List::stream).toList()));
        Path log = logFile(service.module);
        out.println("Starting " + service.module + " on :" + settings.httpPort(service) + " (log: " + log + ")");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // secrets travel in the environment, which only the user itself can read, never in the process list
        builder.environment().putAll(secrets(service));
        Process process = builder.start();
        writePid(service.part(), process.pid());
        return process;
    }

    /** The name {@code service} of this stack claims tracking segments under: {@code billing-1}, its replica's -2. */
    String node(Service service) {
        return service.part() + (primary == null ? "-1" : "-2");
    }

    /** Whether a service is stopped on purpose ({@link #stop}, {@link #killAndHold}) and not started again yet. */
    synchronized boolean holding() {
        return !held.isEmpty();
    }

    /** The arguments, each {@code --name=value} replaced by a later one of the same name, in their first order. */
    private static List<String> replaced(List<String> arguments) {
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            byName.put(equals < 0 ? argument : argument.substring(0, equals), argument);
        }
        return List.copyOf(byName.values());
    }

    private static String loopbackUrl(int port) {
        return "http://" + LOOPBACK + ":" + port;
    }

    private Map<String, String> secrets(Service service) {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("FAIRBILL_SECURITY_INTERNAL_JWT_SECRET", LOCAL_JWT_SECRET);
        if (service != Service.GATEWAY) {
            secrets.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        }
        return secrets;
    }

    /**
     * Only the gateway's API port listens beyond this machine; the services and every management port listen on
     * loopback, as Kafka and PostgreSQL do.
     */
    private List<String> arguments(Service service) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + settings.httpPort(service),
                "--management.server.port=" + settings.managementPort(service),
                "--management.server.address=" + LOOPBACK,
                // the local fixtures: the gateway's API keys, billing's published test webhook secrets
                "--spring.profiles.active=local"));
        if (service != Service.GATEWAY) {
            args.add("--server.address=" + LOOPBACK);
        }
        if (service == Service.GATEWAY) {
            args.add("--fairbill.gateway.services.billing.uri=" + loopbackUrl(settings.httpPort(Service.BILLING)));
            args.add("--fairbill.gateway.services.ledger.uri=" + loopbackUrl(settings.httpPort(Service.LEDGER)));
            args.add("--fairbill.gateway.services.refund.uri=" + loopbackUrl(settings.httpPort(Service.REFUND)));
            // a local Redis, if there is one: the stack's own keys, which its replicas share, so that stacks side by side
            // do not share limits
            LocalRedis.find().ifPresent(redis -> {
                args.add("--fairbill.gateway.rate-limit.redis.url=" + redis);
                args.add("--fairbill.gateway.rate-limit.redis.prefix=fairbill:" + Integer.toHexString(
                        (primary == null ? settings : primary.settings).dataDirectory().toAbsolutePath().hashCode())
                        + ":");
            });
        } else {
            // the name its tracking processors claim segments under: the same again after a restart
            args.add("--fairbill.axon.node=" + node(service));
            args.add("--spring.datasource.url=" + postgres.jdbcUrl(service.database));
            args.add("--spring.datasource.username=" + postgres.user());
            args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
        }
        return args;
    }

    /**
     * Waits until each of {@code starting} is ready. On the first start a service that exits is an error; later the
     * supervisor starts it again and this keeps waiting.
     */
    private void awaitReady(Set<Service> starting, Duration atMost, boolean failIfExited) {
        Instant deadline = Instant.now().plus(atMost);
        for (Service service : starting) {
            URI readiness = URI.create(loopbackUrl(settings.managementPort(service))
                    + "/actuator/health/readiness");
            while (!ready(health, readiness)) {
                Process process;
                synchronized (this) {
                    process = processes.get(service);
                }
                if (failIfExited && process != null && !process.isAlive()) {
                    Path log = logFile(service.module);
                    throw new IllegalStateException(service.module + " exited with " + process.exitValue()
                            + "; see " + log + ", which ends:\n" + tail(log, 40));
                }
                if (Instant.now().isAfter(deadline)) {
                    Path log = logFile(service.module);
                    throw new IllegalStateException(service.module + " was not ready within " + atMost + "; see "
                            + log + ", which ends:\n" + tail(log, 40));
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
        return "localhost:" + settings.kafkaPort();
    }

    /** The running service's process, if this stack runs it. */
    synchronized Stream<ProcessHandle> process(Service service) {
        Process process = processes.get(service);
        return process == null ? Stream.empty() : Stream.of(process.toHandle());
    }

    /** The Kafka broker's process. */
    synchronized Stream<ProcessHandle> kafkaProcess() {
        return kafka == null ? Stream.empty() : Stream.of(kafka.toHandle());
    }

    /** PostgreSQL's server process, when it is the stack's own. */
    Optional<Postmaster> postmaster() {
        return Optional.ofNullable(postmaster);
    }

    private void printWelcome() {
        out.println();
        out.println("Fairbill is running. Everything goes through the gateway: " + gatewayUrl());
        out.println("  API reference: " + gatewayUrl() + "/docs (OpenAPI: " + gatewayUrl() + "/api/v1/openapi.json)");
        out.println("  logs: " + settings.dataDirectory().resolve("logs"));
        out.println("  services: billing :" + settings.httpPort(Service.BILLING) + ", ledger :"
                + settings.httpPort(Service.LEDGER) + ", refund :" + settings.httpPort(Service.REFUND)
                + " (internal; call them through the gateway)");
        out.println("  PostgreSQL: " + postgres.jdbcUrl("postgres") + "   Kafka: " + kafkaBootstrapServers());
        out.println("  tenants and API keys (admin / read-only / reviewer):");
        TENANTS.forEach(tenant -> out.printf("    %-8s sk_test_%s / rk_test_%s / rv_test_%s%n", tenant, tenant, tenant,
                tenant));
        out.println("  try: curl -s -X POST " + gatewayUrl() + "/api/v1/accounts -H 'Authorization: Bearer "
                + "sk_test_panel' -H 'Content-Type: application/json' -d '{\"externalRef\":\"c1\",\"role\":"
                + "\"CUSTOMER\"}'");
        out.println("A part that dies is started again. To restart one by hand: ./run-local.sh restart "
                + "billing|ledger|refund|gateway|kafka|postgres");
        out.println("Press Ctrl-C to stop.");
    }

    @Override
    public void close() {
        closing = true;
        if (supervisor != null) {
            supervisor.interrupt();
            try {
                supervisor.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            List<Process> running = new ArrayList<>(processes.values());
            running.forEach(Process::destroy);
            running.forEach(LocalStack::awaitExit);
            processes.clear();
            if (kafka != null) {
                kafka.destroy();
                awaitExit(kafka);
                kafka = null;
            }
            if (postgres != null && primary == null) {
                postgres.close();
            }
            postgres = null;
        }
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
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
