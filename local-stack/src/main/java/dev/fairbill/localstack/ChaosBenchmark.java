package dev.fairbill.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault benchmark ({@code bench/chaos.sh}): runs of the realistic mix during which a random service, the Kafka
 * broker and PostgreSQL are killed with {@code kill -9} and started again by the stack, each run followed by the books
 * and the fault checks ({@link ChaosChecks}). It prints {@code runs N, violations M} and the seeds of the runs that
 * found violations; {@code --seed=S --runs=1} replays one.
 *
 * <p>All runs share one stack (fresh data in a temporary directory, free ports, the gateway's rate limit raised), so
 * the checks of a run cover everything the earlier runs left too. Target: 50 runs, 0 violations.
 */
public final class ChaosBenchmark {

    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xmx512m");
    private static final int TARGET_RUNS = 50;

    /**
     * @param runs     how many runs
     * @param seed     the first run's seed; run i has seed + i
     * @param clients  concurrent clients of the load
     * @param duration load per run; the faults fall into its first 60 %
     * @param accountsPerTenant the pool the load works on
     */
    record Options(int runs, long seed, int clients, Duration duration, int accountsPerTenant) {

        static final String USAGE = "options: --runs=50 --seed=1 --clients=16 --duration=20s --accounts=4 (per tenant)";

        Options {
            if (runs < 1 || clients < 1 || duration.isZero() || duration.isNegative() || accountsPerTenant < 1) {
                throw new IllegalArgumentException("runs, clients, duration and accounts must be positive; " + USAGE);
            }
        }

        static Options parse(String[] args) {
            int runs = TARGET_RUNS;
            long seed = 1;
            int clients = 16;
            Duration duration = Duration.ofSeconds(20);
            int accounts = 4;
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                String value = pair.length == 2 ? pair[1] : "";
                switch (pair[0]) {
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--duration" -> duration = LedgerConsumptionBenchmark.Options.seconds(value);
                    case "--accounts" -> accounts = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
                }
            }
            return new Options(runs, seed, clients, duration, accounts);
        }
    }

    /** All runs: met when there were at least {@link #TARGET_RUNS} and none found a violation. */
    record Result(List<ChaosRun.Result> runs) {

        List<ChaosRun.Result> failed() {
            return runs.stream().filter(run -> !run.violations().isEmpty()).toList();
        }

        boolean clean() {
            return failed().isEmpty();
        }
    }

    private ChaosBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = LoadBenchmark.optionsOrExit(Options::parse, args);
        LoadBenchmark.runOnOwnStack("fault", SERVICE_JVM_OPTIONS,
                stack -> run(stack, options, System.out).clean());
    }

    /** Opens the pool, then runs {@code options.runs()} runs on {@code stack}, printing each and the summary. */
    static Result run(LocalStack stack, Options options, PrintStream out) throws Exception {
        var gateway = new LoadGateway(stack.gatewayUrl());
        LoadFixtures fixtures = new LoadSetup(gateway, out).open(options.accountsPerTenant());
        List<ChaosRun.Result> runs = new ArrayList<>();
        try (var kafka = new KafkaBacklog(stack.kafkaBootstrapServers())) {
            var books = new Books(stack.postgres(), kafka, gateway);
            for (int i = 0; i < options.runs(); i++) {
                long seed = options.seed() + i;
                Instant started = Instant.now();
                out.printf("%nRun %d of %d (seed %d): %d clients for %d s, killing %s ...%n", i + 1, options.runs(),
                        seed, options.clients(), options.duration().toSeconds(),
                        ChaosRun.plan(seed, options.duration()));
                ChaosRun.Result run = ChaosRun.run(stack, fixtures, gateway, books, seed, options.clients(),
                        options.duration(), out);
                report(run, Duration.between(started, Instant.now()), out);
                runs.add(run);
            }
        }
        var result = new Result(runs);
        summary(result, stack, out);
        return result;
    }

    private static void report(ChaosRun.Result run, Duration took, PrintStream out) {
        out.printf("  load: %d scenarios ok, %d failed; %d writes retried (%d answers were 500), longest %.1f s%n",
                run.load().ok(), run.load().failed(), run.retried(), run.serverErrors(),
                run.longestRetry().toMillis() / 1000.0);
        if (run.serverErrors() > 0) {
            out.println("  a 500: " + run.serverErrorSample());
        }
        out.printf("  whole again %.1f s after the load, settled in %d s; run took %d s%n",
                run.recovered().toMillis() / 1000.0, run.settling().waited().toSeconds(), took.toSeconds());
        List<String> violations = run.violations();
        out.println(violations.isEmpty() ? "  violations: none" : "  VIOLATIONS (" + violations.size() + "):");
        violations.forEach(violation -> out.println("    - " + violation));
    }

    private static void summary(Result result, LocalStack stack, PrintStream out) {
        int violations = result.runs().stream().mapToInt(run -> run.violations().size()).sum();
        out.printf("%nruns %d, violations %d%n", result.runs().size(), violations);
        out.println("restarts by the stack's supervisor: " + stack.restarts());
        if (!result.clean()) {
            out.println("seeds of the runs with violations (replay one with --seed=S --runs=1): "
                    + result.failed().stream().map(run -> String.valueOf(run.seed())).toList());
        }
        boolean met = result.clean() && result.runs().size() >= TARGET_RUNS;
        out.printf("target: %d runs, 0 violations: %s%n", TARGET_RUNS, met ? "met" : "NOT met"
                + (result.clean() ? " (too few runs)" : ""));
    }
}
