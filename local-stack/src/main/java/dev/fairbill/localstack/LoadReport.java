package dev.fairbill.localstack;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The load benchmark's printed report: a table per level, the settling, the books, and whether the target is met. */
final class LoadReport {

    static final String TARGET = "0 5xx and 0 timeouts at every level (429/503 only with Retry-After), and the books "
            + "intact";
    private static final int VIOLATIONS_SHOWN = 5;
    private static final String INDENT = "        ";
    private static final String ROW = "  %-34s %8s %7s %7s %s %6s%n";

    static final long TARGET_RSS_MIB = 400;
    private final PrintStream out;

    LoadReport(PrintStream out) {
        this.out = out;
    }

    void level(LoadBenchmark.Level level) {
        out.printf("%d clients, %d s measured; latency of every request, timeouts at %d s:%n", level.clients(),
                level.measured().toSeconds(), LoadGateway.REQUEST_TIMEOUT.toSeconds());
        out.printf(ROW, "family", "req/s", "p50 ms", "p99 ms", counts(kind -> kind.column), "shed w/o Retry-After");
        for (Tally.Figures family : level.figures()) {
            out.printf(ROW, family.family(), "%.1f".formatted(family.perSecond()),
                    "%.0f".formatted(family.latencyP50Millis()), "%.0f".formatted(family.latencyP99Millis()),
                    counts(kind -> Long.toString(family.count(kind))), family.shedWithoutRetryAfter());
        }
        ClosedLoopLoad.Result scenarios = level.scenarios();
        out.printf("  scenarios: %.1f/s without a failure, %d with one %s%n", scenarios.perSecond(),
                scenarios.failed(), scenarios.failures().isEmpty() ? "" : scenarios.failures());
        cpu(level.window());
        level.figures().forEach(family -> family.samples().forEach(sample ->
                out.println("  e.g. " + family.family() + ": " + sample)));
    }

    /** How many cores each process kept busy on average, and how busy the machine was. */
    private void cpu(MeasuredWindow window) {
        double seconds = window.elapsed().toNanos() / 1e9;
        out.println("  CPU in cores: " + window.cpuUsed().entrySet().stream().map(part -> "%s %.2f".formatted(
                part.getKey(), part.getValue().toNanos() / 1e9 / seconds)).collect(Collectors.joining(", ")));
        BenchmarkReport.machineLoad(window).ifPresent(load -> out.println("  " + load));
    }

    void books(LoadBenchmark.Result result) {
        out.println();
        if (result.settling().pending().isEmpty()) {
            out.printf("The suite settled %.1f s after the load.%n", result.settling().waited().toMillis() / 1000.0);
        } else {
            out.printf("Not settled after %d s: %s%n", result.settling().waited().toSeconds(),
                    String.join("; ", result.settling().pending()));
        }
        out.println("Books:");
        for (Books.Check check : result.books()) {
            out.printf("  %s  %s%s%n", check.passed() ? "PASS" : "FAIL", check.name(),
                    check.passed() ? "" : " (" + check.violations().size() + " violations)");
            check.violations().stream().limit(VIOLATIONS_SHOWN).forEach(violation -> out.println(INDENT + violation));
        }
        if (!result.notes().isEmpty()) {
            out.printf("  note: %d refund targets got several cases within a second, one after the other (a target has"
                            + " one open case at a time; the checks above tell whether any paid out twice), e.g.%n",
                    result.notes().size());
            result.notes().stream().limit(VIOLATIONS_SHOWN).forEach(note -> out.println(INDENT + note));
        }
    }

    /** Each service's peak resident set size under the load, against the target. */
    void peakRss(Map<String, Long> peaksMib) {
        out.printf("%nPeak RSS under load (target <= %d MiB each):%n", TARGET_RSS_MIB);
        peaksMib.forEach((service, mib) -> out.printf("  %-24s %6d MiB   %s%n", service, mib,
                mib <= TARGET_RSS_MIB ? "met" : "NOT met"));
    }

    void summary(LoadBenchmark.Result result) {
        out.printf("%nLoad benchmark (%s, %d cores; the suite, PostgreSQL, Kafka and the clients on this machine)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors());
        out.printf("  %7s %8s %7s %7s %6s %8s %5s %s%n", "clients", "req/s", "p50 ms", "p99 ms", "5xx", "timeouts",
                "I/O", "level");
        for (LoadBenchmark.Level level : result.levels()) {
            Tally.Figures all = level.all();
            out.printf("  %7d %8.1f %7.0f %7.0f %6d %8d %5d %s%n", level.clients(), all.perSecond(),
                    all.latencyP50Millis(), all.latencyP99Millis(), all.count(Answer.Kind.SERVER_ERROR),
                    all.count(Answer.Kind.TIMEOUT), all.count(Answer.Kind.IO_ERROR),
                    all.meetsTarget() ? "ok" : "FAILED");
        }
        long passed = result.books().stream().filter(Books.Check::passed).count();
        out.printf("  books: %d of %d checks passed%n", passed, result.books().size());
        out.println("Target (" + TARGET + "): " + (result.targetMet() ? "MET" : "NOT MET"));
    }

    private static String counts(Function<Answer.Kind, String> cell) {
        return Arrays.stream(Answer.Kind.values()).map(kind -> "%9s".formatted(cell.apply(kind)))
                .collect(Collectors.joining(" "));
    }
}
