package dev.fairbill.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code clients} threads, each sending its next call as soon as the previous one answered (no
 * think time). A warm-up runs first and is not counted; then every call that starts within the measured phase is
 * counted by outcome, and the latencies of the successful ones are kept for percentiles.
 */
final class ClosedLoopLoad {

    /** One client's connection: {@link #call()} does one operation and says how it went. */
    interface Client extends AutoCloseable {

        Outcome call() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** How one call went: {@code ok}, else a short label to count it under and, for the report, what it answered. */
    record Outcome(boolean ok, String label, String detail) {

        static final Outcome OK = new Outcome(true, "ok", "");

        static Outcome failed(String label, String detail) {
            return new Outcome(false, label, detail);
        }
    }

    /** Told when the measured phase starts and ends, e.g. to take statistics around it. */
    interface Observer {

        Observer NONE = new Observer() {
        };

        default void measuredPhaseStarted() {
        }

        default void measuredPhaseEnded() {
        }
    }

    /**
     * @param failures         the failed calls by label
     * @param failureSamples   what the first few distinct failures answered
     * @param latenciesNanos   the successful calls' latencies, sorted
     */
    record Result(Duration measured, long ok, Map<String, Long> failures, List<String> failureSamples,
                  long[] latenciesNanos) {

        double perSecond() {
            return ok / (measured.toNanos() / 1e9);
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The latency at {@code quantile} (0.5 for the median) in milliseconds; 0 without successful calls. */
        double latencyMillis(double quantile) {
            return percentileMillis(latenciesNanos, quantile);
        }
    }

    /** The value at {@code quantile} of {@code sortedNanos} in milliseconds; 0 when there is none. */
    static double percentileMillis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.clamp(index, 0, sortedNanos.length - 1)] / 1e6;
    }

    private static final int FAILURE_SAMPLES = 3;

    static Result run(int clients, Duration warmup, Duration measured, IntFunction<Client> clientFactory,
                      Observer observer) throws InterruptedException {
        List<Client> connected = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connected.add(clientFactory.apply(i));
        }
        var ok = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Map<String, String> samples = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        long start = System.nanoTime();
        long measuredStart = start + warmup.toNanos();
        long measuredEnd = measuredStart + measured.toNanos();
        var done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().name("load-client-" + i).start(() -> {
                var mine = new LatencyList();
                try {
                    while (true) {
                        long began = System.nanoTime();
                        if (began >= measuredEnd) {
                            break;
                        }
                        Outcome outcome = callSafely(connected.get(index));
                        if (began < measuredStart) {
                            continue;
                        }
                        if (outcome.ok()) {
                            ok.increment();
                            mine.add(System.nanoTime() - began);
                        } else {
                            failures.computeIfAbsent(outcome.label(), label -> new LongAdder()).increment();
                            if (samples.size() < FAILURE_SAMPLES) {
                                samples.putIfAbsent(outcome.label(), outcome.label() + ": " + outcome.detail());
                            }
                        }
                    }
                } finally {
                    latencies[index] = mine.toArray();
                    done.countDown();
                }
            }));
        }
        sleepUntil(measuredStart);
        observer.measuredPhaseStarted();
        sleepUntil(measuredEnd);
        observer.measuredPhaseEnded();
        done.await();
        for (Client client : connected) {
            closeQuietly(client);
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((label, count) -> failed.put(label, count.sum()));
        return new Result(measured, ok.sum(), failed, List.copyOf(samples.values()), all);
    }

    private static Outcome callSafely(Client client) {
        try {
            return client.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted", e.toString());
        } catch (Exception e) {
            return Outcome.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private static void closeQuietly(Client client) {
        try {
            client.close();
        } catch (Exception e) {
            System.err.println("closing a load client failed: " + e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(Duration.ofNanos(remaining));
        }
    }

    /**
     * A growable list of primitive longs, so recording a latency allocates nothing; not thread-safe: one per client
     * thread, or guarded by a lock.
     */
    static final class LatencyList {

        private long[] values = new long[4096];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private ClosedLoopLoad() {
    }
}
