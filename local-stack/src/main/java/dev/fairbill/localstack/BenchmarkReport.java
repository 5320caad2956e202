package dev.fairbill.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The credit-ledger benchmark's printed report: rates, latencies, the ratio, and what one operation costs. */
final class BenchmarkReport {

    private final PrintStream out;
    private final int clients;
    private final int cores = Runtime.getRuntime().availableProcessors();

    BenchmarkReport(PrintStream out, int clients) {
        this.out = out;
        this.clients = clients;
    }

    void header(Map<String, String> server, Duration measured, boolean idempotencyKeys) {
        out.println();
        out.printf("Credit-ledger benchmark: %d CPU cores, Java %s, PostgreSQL %s (fsync=%s, synchronous_commit=%s)%n",
                cores, Runtime.version().feature(), server.get("server_version"), server.get("fsync"),
                server.get("synchronous_commit"));
        out.printf("%d clients, one account each; measured %d s per phase after warming up; Idempotency-Key %s%n",
                clients, measured.toSeconds(), idempotencyKeys ? "on every consumption" : "off");
    }

    /** Prints both rates with their latencies. */
    void rates(ClosedLoopLoad.Result consumptions, ClosedLoopLoad.Result raw) {
        line("REST consumptions (201)", consumptions);
        line("raw single-row INSERTs", raw);
    }

    /** Prints the rate of reads of the same service, which bounds what its writes can reach on this machine. */
    void reads(ClosedLoopLoad.Result reads) {
        line("REST ledger reads (200)", reads);
    }

    /** Prints one figure against its target, met or NOT met; true when met. */
    boolean target(String figure, double value, String comparison, double target, String format) {
        boolean met = ">=".equals(comparison) ? value >= target : value <= target;
        out.printf("  %-36s %12s   target %s %-8s %s%n", figure, format.formatted(value), comparison,
                format.formatted(target), met ? "met" : "NOT met");
        return met;
    }

    /**
     * CPU time per successful operation by part, the rate that CPU time alone allows on this machine, and how much of
     * the machine the run had (other processes on a shared host slow it down).
     *
     * @return the CPU time per operation, all parts, in milliseconds
     */
    double cpu(String operation, ClosedLoopLoad.Result result, MeasuredWindow window) {
        Map<String, Duration> used = window.cpuUsed();
        long operations = Math.max(1, result.ok());
        long usedNanos = used.values().stream().mapToLong(Duration::toNanos).sum();
        double total = usedNanos / 1e6 / operations;
        out.printf("  CPU per %s: %s = %.3f ms, so CPU alone allows at most ~%,.0f/s on %d cores%n", operation,
                used.entrySet().stream().map(part -> "%s %.3f ms".formatted(part.getKey(),
                        part.getValue().toNanos() / 1e6 / operations)).collect(Collectors.joining(" + ")),
                total, total == 0 ? 0 : cores * 1000 / total, cores);
        machineLoad(window).ifPresent(load -> out.println("    " + load));
        return total;
    }

    /** How busy the whole machine was during the window, and how much of that this run's processes made it. */
    static Optional<String> machineLoad(MeasuredWindow window) {
        OptionalDouble busy = window.machineBusy();
        if (busy.isEmpty()) {
            return Optional.empty();
        }
        long usedNanos = window.cpuUsed().values().stream().mapToLong(Duration::toNanos).sum();
        double ours = usedNanos / (double) (window.elapsed().toNanos() * Runtime.getRuntime().availableProcessors());
        return Optional.of("the machine was %.0f%% busy meanwhile: %.0f%% this run's processes, %.0f%% everything else"
                .formatted(100 * busy.getAsDouble(), 100 * ours, Math.max(0, 100 * (busy.getAsDouble() - ours))));
    }

    void databaseWork(ClosedLoopLoad.Result consumptions, DatabaseActivity.Counters work, Duration catchUp) {
        double ok = Math.max(1, consumptions.ok());
        out.printf("  ledger database per consumption: %.1f commits, %.1f rows inserted, %.1f updated, %.1f fetched%n",
                work.commits() / ok, work.inserted() / ok, work.updated() / ok, work.fetched() / ok);
        out.println(catchUp == null ? "  tracking processors (journal, Kafka publisher) did not catch up in 3 min"
                : "  tracking processors (journal, Kafka publisher) caught up %.1f s after the load"
                        .formatted(catchUp.toMillis() / 1000.0));
    }

    /** The statements behind the commits: each with how often it ran per consumption. */
    void statements(ClosedLoopLoad.Result consumptions, List<DatabaseActivity.StatementCount> statements) {
        if (statements.isEmpty()) {
            return;
        }
        double ok = Math.max(1, consumptions.ok());
        out.println("  ledger statements per consumption, most frequent first (how often; the server's time executing"
                + " them, per consumption):");
        statements.forEach(counted -> out.printf("    %5.2f  %6.3f ms  %s%n", counted.calls() / ok,
                counted.executionMillis() / ok, abbreviate(counted.statement(), 90)));
    }

    void failureSamples(ClosedLoopLoad.Result consumptions, ClosedLoopLoad.Result raw) {
        consumptions.failureSamples().forEach(sample -> out.println("  e.g. " + abbreviate(sample, 300)));
        raw.failureSamples().forEach(sample -> out.println("  e.g. " + abbreviate(sample, 300)));
    }

    private void line(String what, ClosedLoopLoad.Result result) {
        out.printf("  %-24s %9.1f /s   p50 %7.2f ms   p99 %7.2f ms   errors %d%s%n", what, result.perSecond(),
                result.latencyMillis(0.5), result.latencyMillis(0.99), result.failed(),
                result.failures().isEmpty() ? "" : " " + result.failures());
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + " ...";
    }
}
