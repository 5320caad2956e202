package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The largest resident set size each part (a service's JVM) reached while it was watched, sampled from
 * {@code /proc/<pid>/status} twice a second. Empty where {@code /proc} is not available.
 */
final class PeakRss implements AutoCloseable {

    private final Map<String, Supplier<Stream<ProcessHandle>>> parts;
    private final Map<String, Long> peakKilobytes = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    PeakRss(Map<String, Supplier<Stream<ProcessHandle>>> parts) {
        this.parts = new LinkedHashMap<>(parts);
        this.sampler = Thread.ofPlatform().daemon().name("peak-rss").start(this::sample);
    }

    private void sample() {
        while (running) {
            parts.forEach((name, processes) -> {
                long kilobytes = processes.get().mapToLong(PeakRss::residentKilobytes).sum();
                peakKilobytes.merge(name, kilobytes, Math::max);
            });
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The peak of each part in MiB, in the order the parts were given. */
    Map<String, Long> peaksMib() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        parts.keySet().forEach(name -> peaks.put(name, peakKilobytes.getOrDefault(name, 0L) / 1024));
        return peaks;
    }

    private static long residentKilobytes(ProcessHandle process) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
