package dev.fairbill.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.fairbill.postgres.PostgresServer;

/**
 * The credit-ledger benchmark ({@code bench/ledger-consumptions.sh}): consumptions per second through the ledger's
 * REST API at 32 concurrent clients, next to the single-row INSERT rate of the same PostgreSQL in the same run, and
 * their ratio, against the targets: at least 2,000 consumptions/s with p99 at most 50 ms, a ratio of at least 0.12,
 * at most 1 ms of CPU, 2 commits and 10 rows fetched in the ledger database per consumption.
 *
 * <p>It starts its own stack (billing and the ledger, fresh data in a temporary directory, free ports, full JIT) so it
 * never collides with {@code ./run-local.sh}. Each client has its own account, hence its own ledger aggregate: one
 * account shared by all clients would measure optimistic-lock contention on one event stream, not throughput.
 */
public final class LedgerConsumptionBenchmark {

    /** Enough credits that no client runs dry, in one lot: every consumption allocates from exactly one lot. */
    private static final long GRANT = 1_000_000_000L;
    private static final double TARGET_RATIO = 0.12;
    private static final double TARGET_RATE = 2000;
    private static final double TARGET_P99_MILLIS = 50;
    private static final double TARGET_CPU_MILLIS = 1;
    private static final double TARGET_COMMITS = 2;
    private static final double TARGET_FETCHED = 10;
    private static final String TENANT = "panel";
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx512m");
    /** JDBC inserts need little warming up; the services' JIT needs much more. */
    private static final Duration INSERT_WARMUP = Duration.ofSeconds(10);
    private static final Duration READ_WARMUP = Duration.ofSeconds(20);

    /**
     * @param clients         concurrent clients, each with its own account
     * @param warmup          load before measuring the consumptions (JIT, pools); the INSERTs warm up for at most
     *                        {@link #INSERT_WARMUP}
     * @param duration        the measured time of each phase
     * @param idempotencyKeys whether each consumption carries an {@code Idempotency-Key} (docs/api.md asks clients to)
     */
    record Options(int clients, Duration warmup, Duration duration, boolean idempotencyKeys) {

        static Options parse(String[] args) {
            var options = new Options(32, Duration.ofSeconds(120), Duration.ofSeconds(20), true);
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                options = switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                    case "--clients" -> new Options(Integer.parseInt(value), options.warmup, options.duration,
                            options.idempotencyKeys);
                    case "--warmup" -> new Options(options.clients, seconds(value), options.duration,
                            options.idempotencyKeys);
                    case "--duration" -> new Options(options.clients, options.warmup, seconds(value),
                            options.idempotencyKeys);
                    case "--no-idempotency-key" -> new Options(options.clients, options.warmup, options.duration,
                            false);
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; use --clients=N "
                            + "--warmup=Ns --duration=Ns --no-idempotency-key");
                };
            }
            return options;
        }

        /** {@code 30s} or {@code 30}: seconds. */
        static Duration seconds(String value) {
            return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1)
                    : value));
        }
    }

    private final Options options;
    private final PrintStream out;

    private LedgerConsumptionBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of(System.getProperty("fairbill.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fairbill-ledger-bench");
        var settings = StackSettings.onFreePorts(root, data);
        var stack = new LocalStack(settings, System.out, EnumSet.of(Service.BILLING, Service.LEDGER),
                SERVICE_JVM_OPTIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-stop"));
        boolean passed;
        try {
            stack.start();
            passed = new LedgerConsumptionBenchmark(options, System.out).run(stack, settings.postgresDirectory());
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e + " (service logs in " + data.resolve("logs") + ")");
            stack.close();
            System.exit(2);
            return;
        }
        stack.close();
        deleteRecursively(data);
        System.exit(passed ? 0 : 1);
    }

    /** Runs the three phases (consumptions, reads of the same ledgers, raw INSERTs) and prints the report. */
    private boolean run(LocalStack stack, Path postgresData) throws Exception {
        PostgresServer postgres = stack.postgres();
        var ledgerDatabase = new DatabaseActivity(postgres, Service.LEDGER.database);
        var cpu = new CpuTime()
                .part("ledger", () -> stack.process(Service.LEDGER))
                .part("billing", () -> stack.process(Service.BILLING))
                .part("PostgreSQL", CpuTime.postgres(postgresData))
                .part("benchmark JVM (clients, Kafka)", () -> Stream.of(ProcessHandle.current()));
        var token = InternalJwt.renewing(TENANT);
        var api = new LedgerApiClient(stack.url(Service.BILLING), stack.url(Service.LEDGER), token);
        out.printf("Opening %d accounts in billing and granting %,d credits to each ledger ...%n", options.clients(),
                GRANT);
        List<String> accounts = api.openFundedAccounts(options.clients(), GRANT);

        out.printf("Consumptions: %d clients, warm-up %d s, measuring %d s ...%n", options.clients(),
                options.warmup().toSeconds(), options.duration().toSeconds());
        String run = UUID.randomUUID().toString().substring(0, 8);
        var consumptionWindow = new MeasuredWindow(cpu, ledgerDatabase);
        ClosedLoopLoad.Result consumptions = ClosedLoopLoad.run(options.clients(), options.warmup(),
                options.duration(), i -> api.consumer(accounts.get(i), run, options.idempotencyKeys()),
                consumptionWindow);
        Duration catchUp = ledgerDatabase.awaitTrackingProcessors(Duration.ofMinutes(3));

        Duration readWarmup = options.warmup().compareTo(READ_WARMUP) < 0 ? options.warmup() : READ_WARMUP;
        out.printf("Reads of the same ledgers (GET /api/v1/ledgers/{id}): %d clients, warm-up %d s, measuring %d s"
                + " ...%n", options.clients(), readWarmup.toSeconds(), options.duration().toSeconds());
        var readWindow = new MeasuredWindow(cpu, null);
        ClosedLoopLoad.Result reads = ClosedLoopLoad.run(options.clients(), readWarmup, options.duration(),
                i -> api.reader(accounts.get(i)), readWindow);

        Duration insertWarmup = options.warmup().compareTo(INSERT_WARMUP) < 0 ? options.warmup() : INSERT_WARMUP;
        out.printf("Raw INSERTs: %d JDBC connections, warm-up %d s, measuring %d s ...%n", options.clients(),
                insertWarmup.toSeconds(), options.duration().toSeconds());
        var inserts = new RawInserts(postgres.createDatabase("bench_scratch"), postgres.user(), postgres.password());
        inserts.createTable();
        var insertWindow = new MeasuredWindow(cpu, null);
        ClosedLoopLoad.Result raw = ClosedLoopLoad.run(options.clients(), insertWarmup, options.duration(),
                inserts::client, insertWindow);

        var report = new BenchmarkReport(out, options.clients());
        report.header(ledgerDatabase.serverSettings(), options.duration(), options.idempotencyKeys());
        report.rates(consumptions, raw);
        double cpuPerConsumption = report.cpu("consumption", consumptions, consumptionWindow);
        report.cpu("INSERT", raw, insertWindow);
        report.reads(reads);
        report.cpu("read", reads, readWindow);
        DatabaseActivity.Counters work = consumptionWindow.databaseWork();
        report.databaseWork(consumptions, work, catchUp);
        report.statements(consumptions, consumptionWindow.statements());
        double ok = Math.max(1, consumptions.ok());
        out.println("Targets:");
        boolean met = report.target("consumptions/s", consumptions.perSecond(), ">=", TARGET_RATE, "%.0f");
        met &= report.target("consumption p99 (ms)", consumptions.latencyMillis(0.99), "<=", TARGET_P99_MILLIS,
                "%.1f");
        double ratio = raw.perSecond() == 0 ? 0 : consumptions.perSecond() / raw.perSecond();
        met &= report.target("ratio to raw INSERTs", ratio, ">=", TARGET_RATIO, "%.3f");
        met &= report.target("CPU per consumption (ms)", cpuPerConsumption, "<=", TARGET_CPU_MILLIS, "%.2f");
        met &= report.target("ledger commits per consumption", work.commits() / ok, "<=", TARGET_COMMITS, "%.1f");
        met &= report.target("ledger rows fetched per consumption", work.fetched() / ok, "<=", TARGET_FETCHED,
                "%.1f");
        report.failureSamples(consumptions, raw);
        return met;
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
