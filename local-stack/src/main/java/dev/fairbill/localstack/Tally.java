package dev.fairbill.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of one load level, per endpoint family ({@code GET accounts/{id}}, {@code POST charges}, ...) and in
 * all: counts by {@link Answer.Kind}, latencies, and a few samples of the answers the target does not allow. Only
 * requests that left within the measured phase count.
 */
final class Tally {

    static final String ALL = "all";
    private static final int SAMPLES_PER_FAMILY = 3;

    /**
     * One family's figures.
     *
     * @param latencyP50Millis over every request, a timeout counted at the client's timeout
     * @param shedWithoutRetryAfter how many 429/503 answers did not say when to retry
     * @param samples           a few answers the target does not allow: unexpected 4xx, 5xx, I/O errors, shed without
     *                          Retry-After (timeouts are only counted)
     */
    record Figures(String family, long requests, double perSecond, double latencyP50Millis, double latencyP99Millis,
                   Map<Answer.Kind, Long> counts, long shedWithoutRetryAfter, List<String> samples) {

        long count(Answer.Kind kind) {
            return counts.getOrDefault(kind, 0L);
        }

        /** No 5xx, no timeouts or I/O errors, and load shed only with a Retry-After. */
        boolean meetsTarget() {
            return count(Answer.Kind.SERVER_ERROR) == 0 && count(Answer.Kind.TIMEOUT) == 0
                    && count(Answer.Kind.IO_ERROR) == 0 && shedWithoutRetryAfter == 0;
        }
    }

    private final long measuredFromNanos;
    private final Map<String, Family> families = new ConcurrentHashMap<>();
    private final Family all = new Family(0);

    /** Counts the requests that leave from {@code measuredFromNanos} ({@link System#nanoTime()}) on. */
    Tally(long measuredFromNanos) {
        this.measuredFromNanos = measuredFromNanos;
    }

    void record(String family, Answer answer) {
        if (answer.startedNanos() - measuredFromNanos < 0) {
            return;
        }
        families.computeIfAbsent(family, name -> new Family(SAMPLES_PER_FAMILY)).add(answer);
        all.add(answer);
    }

    /** Every family's figures, reads before writes, then those of all requests together (without samples). */
    List<Figures> figures(Duration measured) {
        List<Figures> figures = new ArrayList<>();
        families.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing((String name) -> !name.startsWith("GET"))
                        .thenComparing(Comparator.naturalOrder())))
                .forEach(family -> figures.add(family.getValue().figures(family.getKey(), measured)));
        figures.add(all.figures(ALL, measured));
        return figures;
    }

    /** One family's counts and latencies; its lock is held only to add one answer or to read them all. */
    private static final class Family {

        private final long[] counts = new long[Answer.Kind.values().length];
        private final ClosedLoopLoad.LatencyList latencies = new ClosedLoopLoad.LatencyList();
        private final List<String> samples = new ArrayList<>();
        private final int sampleLimit;
        private long shedWithoutRetryAfter;

        Family(int sampleLimit) {
            this.sampleLimit = sampleLimit;
        }

        synchronized void add(Answer answer) {
            counts[answer.kind().ordinal()]++;
            latencies.add(answer.latencyNanos());
            if (answer.kind() == Answer.Kind.SHED && !answer.retryAfter()) {
                shedWithoutRetryAfter++;
            }
            if (!answer.acceptable() && answer.kind() != Answer.Kind.TIMEOUT
                    && samples.size() < sampleLimit) {
                samples.add(answer.summary());
            }
        }

        synchronized Figures figures(String name, Duration measured) {
            long[] sorted = latencies.toArray();
            Arrays.sort(sorted);
            Map<Answer.Kind, Long> byKind = new EnumMap<>(Answer.Kind.class);
            for (Answer.Kind kind : Answer.Kind.values()) {
                byKind.put(kind, counts[kind.ordinal()]);
            }
            return new Figures(name, sorted.length, sorted.length / (measured.toNanos() / 1e9),
                    ClosedLoopLoad.percentileMillis(sorted, 0.5), ClosedLoopLoad.percentileMillis(sorted, 0.99),
                    byKind, shedWithoutRetryAfter, List.copyOf(samples));
        }
    }
}
