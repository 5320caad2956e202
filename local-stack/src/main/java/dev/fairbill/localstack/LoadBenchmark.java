package dev.fairbill.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The load benchmark ({@code bench/load.sh}): a realistic mix of reads and writes across the five tenants through the
 * gateway at 8, 32, 64 and 128 concurrent clients (closed loop), then, once the suite has settled, a check of the
 * books.
 * The target: no 5xx and no timeouts at any level (429/503 with a Retry-After are allowed), and the books intact.
 *
 * <p>It starts its own stack (all four services and the gateway, fresh data in a temporary directory, free ports, the
 * full JIT) with the gateway's per-key rate limit raised far above what the load sends, so that the load measures the
 * services rather than the limiter.
 */
public final class LoadBenchmark {

    /** Each service's heap: 512m unless {@code -Dfairbill.bench.service-heap} says otherwise. */
    private static final List<String> SERVICE_JVM_OPTIONS =
            List.of("-Xmx" + System.getProperty("fairbill.bench.service-heap", "512m"));
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String RATE_LIMIT = "--fairbill.gateway.rate-limit.";

    /**
     * @param levels            concurrent clients of each level, in order
     * @param duration          measured time per level
     * @param warmup            load before the first level, not counted
     * @param accountsPerTenant the pool the load works on
     * @param seed              picks the scenarios; the same seed sends the same mix
     */
    record Options(List<Integer> levels, Duration duration, Duration warmup, int accountsPerTenant, long seed) {

        static final String USAGE = "options: --levels=8,32,64,128 --duration=30s --warmup=30s --accounts=20 "
                + "(per tenant) --seed=1";

        Options {
            levels = List.copyOf(levels);
            if (levels.isEmpty() || levels.stream().anyMatch(clients -> clients < 1) || duration.isZero()
                    || warmup.isNegative() || accountsPerTenant < 1) {
                throw new IllegalArgumentException("levels and accounts must be positive, the duration too; " + USAGE);
            }
        }

        static Options parse(String[] args) {
            List<Integer> levels = List.of(8, 32, 64, 128);
            Duration duration = Duration.ofSeconds(30);
            Duration warmup = Duration.ofSeconds(30);
            int accounts = 20;
            long seed = 1;
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                String value = pair.length == 2 ? pair[1] : "";
                switch (pair[0]) {
                    case "--levels" -> levels = Arrays.stream(value.split(",")).map(String::trim)
                            .map(Integer::valueOf).toList();
                    case "--duration" -> duration = LedgerConsumptionBenchmark.Options.seconds(value);
                    case "--warmup" -> warmup = LedgerConsumptionBenchmark.Options.seconds(value);
                    case "--accounts" -> accounts = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
                }
            }
            return new Options(levels, duration, warmup, accounts, seed);
        }
    }

    /**
     * What one level measured.
     *
     * @param figures   per endpoint family, and last all requests together
     * @param scenarios the clients' scenarios (one to three requests each): how many ran, how many met a failure
     * @param window    the CPU each process used meanwhile, and how busy the machine was
     */
    record Level(int clients, Duration measured, List<Tally.Figures> figures, ClosedLoopLoad.Result scenarios,
                 MeasuredWindow window) {

        Tally.Figures all() {
            return figures.getLast();
        }
    }

    /** @param notes what the report mentions beside the checks, without judging */
    record Result(List<Level> levels, Books.Settling settling, List<Books.Check> books, List<String> notes) {

        boolean targetMet() {
            return shortfalls().isEmpty();
        }

        /** Each way the run missed the target, in a line. */
        List<String> shortfalls() {
            List<String> shortfalls = new ArrayList<>();
            for (Level level : levels) {
                level.figures().stream().filter(family -> !family.meetsTarget() && !family.family().equals(Tally.ALL))
                        .forEach(family -> shortfalls.add(("%d clients, %s: %d 5xx, %d timeouts, %d I/O errors, "
                                + "%d shed without Retry-After").formatted(level.clients(), family.family(),
                                family.count(Answer.Kind.SERVER_ERROR), family.count(Answer.Kind.TIMEOUT),
                                family.count(Answer.Kind.IO_ERROR), family.shedWithoutRetryAfter())));
            }
            books.stream().filter(check -> !check.passed()).forEach(check -> shortfalls.add("books: " + check.name()
                    + ": " + check.violations().size() + " violations, e.g. " + check.violations().getFirst()));
            return shortfalls;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final LoadReport report;

    private LoadBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.report = new LoadReport(out);
    }

    public static void main(String[] args) throws Exception {
        Options options = optionsOrExit(Options::parse, args);
        runOnOwnStack("load", SERVICE_JVM_OPTIONS, stack -> run(stack, options, System.out).targetMet());
    }

    /** A benchmark's options as {@code parse} reads them from {@code args}; a wrong one ends the JVM with status 2. */
    static <O> O optionsOrExit(Function<String[], O> parse, String[] args) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** A benchmark on a stack: whether it met its target. */
    @FunctionalInterface
    interface OnStack {
        boolean run(LocalStack stack) throws Exception;
    }

    /**
     * Runs {@code benchmark} on a stack of its own (fresh data in a temporary directory, free ports, every service
     * with {@code jvmOptions}, the gateway's rate limit raised) and exits: 0 when it met its target (the data
     * deleted), 1 when not (the service logs kept), 2 when it could not run (logs kept too).
     */
    static void runOnOwnStack(String name, List<String> jvmOptions, OnStack benchmark) throws IOException {
        runOnOwnStack(name, EnumSet.allOf(Service.class), jvmOptions, benchmark);
    }

    /** {@link #runOnOwnStack(String, List, OnStack)} with only {@code services} running. */
    static void runOnOwnStack(String name, Set<Service> services, List<String> jvmOptions, OnStack benchmark)
            throws IOException {
        Path root = Path.of(System.getProperty("fairbill.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fairbill-" + name + "-bench");
        var stack = new LocalStack(withRaisedRateLimit(StackSettings.onFreePorts(root, data)), System.out, services,
                jvmOptions);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-stop"));
        boolean met;
        try {
            stack.start();
            met = benchmark.run(stack);
        } catch (Exception e) {
            System.err.println("The " + name + " benchmark could not run: " + e + " (service logs in "
                    + data.resolve("logs") + ")");
            stack.close();
            System.exit(2);
            return;
        }
        stack.close();
        if (met) {
            LedgerConsumptionBenchmark.deleteRecursively(data);
        } else {
            System.err.println("Service logs kept in " + data.resolve("logs"));
        }
        System.exit(met ? 0 : 1);
    }

    /** {@code settings} with the gateway's per-key rate limit far above what the load sends. */
    static StackSettings withRaisedRateLimit(StackSettings settings) {
        return settings.withArguments(Service.GATEWAY, RATE_LIMIT + "requests-per-second=1000000",
                RATE_LIMIT + "burst=1000000");
    }

    /** Opens the pool, runs every level, lets the suite settle and checks the books, printing the report. */
    static Result run(LocalStack stack, Options options, PrintStream out) throws Exception {
        return new LoadBenchmark(options, out).run(stack);
    }

    private Result run(LocalStack stack) throws Exception {
        var gateway = new LoadGateway(stack.gatewayUrl());
        var mix = new TrafficMix(new LoadSetup(gateway, out).open(options.accountsPerTenant()), gateway);
        Map<String, Supplier<Stream<ProcessHandle>>> services = serviceProcesses(stack);
        CpuTime cpu = CpuTime.of(List.of(stack));
        var seeds = new SplittableRandom(options.seed());
        List<Level> levels = new ArrayList<>();
        try (var rss = new PeakRss(services)) {
            for (int clients : options.levels()) {
                Level level = level(mix, clients, levels.isEmpty() ? options.warmup() : Duration.ZERO, cpu,
                        seeds.split());
                report.level(level);
                levels.add(level);
            }
            report.peakRss(rss.peaksMib());
        }
        try (var kafka = new KafkaBacklog(stack.kafkaBootstrapServers())) {
            var books = new Books(stack.postgres(), kafka, gateway);
            out.printf("%nLetting the suite settle (at most %d s) ...%n", SETTLE.toSeconds());
            Books.Settling settling = books.settle(SETTLE);
            var result = new Result(levels, settling, books.check(), books.casesOpenedTogether());
            report.books(result);
            report.summary(result);
            return result;
        }
    }

    private Level level(TrafficMix mix, int clients, Duration warmup, CpuTime cpu, SplittableRandom seeds)
            throws InterruptedException {
        out.printf("%nLoad: %d clients, %d s%s ...%n", clients, options.duration().toSeconds(),
                warmup.isZero() ? "" : " after " + warmup.toSeconds() + " s of warm-up");
        var tally = new Tally(System.nanoTime() + warmup.toNanos());
        var window = new MeasuredWindow(cpu, null);
        ClosedLoopLoad.Result scenarios = ClosedLoopLoad.run(clients, warmup, options.duration(),
                client -> mix.client(tally, seeds.split()), window);
        return new Level(clients, options.duration(), tally.figures(options.duration()), scenarios, window);
    }

    /** Each service's JVM, by module name, in the suite's order. */
    private static Map<String, Supplier<Stream<ProcessHandle>>> serviceProcesses(LocalStack stack) {
        Map<String, Supplier<Stream<ProcessHandle>>> services = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            services.put(service.module, () -> stack.process(service));
        }
        return services;
    }
}
