package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time used so far by each part of a run (a service's JVM, PostgreSQL's processes, this JVM with the load clients
 * and the Kafka broker). Unlike a rate, the CPU time one operation costs does not depend on what else shares the
 * machine, so it says where the time goes even on a busy host. Processes that end in between are not counted.
 */
final class CpuTime {

    /** The part that is this JVM: the benchmark's load clients (and, in-process, nothing else of the suite). */
    static final String LOAD_CLIENTS = "load clients";

    private final Map<String, Supplier<Stream<ProcessHandle>>> parts = new LinkedHashMap<>();

    /**
     * Each service of {@code stacks} (its replicas in the other stacks counted with it), the first stack's PostgreSQL
     * and Kafka broker, and the load clients.
     */
    static CpuTime of(List<LocalStack> stacks) {
        var cpu = new CpuTime();
        for (Service service : Service.values()) {
            cpu.part(service.module, () -> stacks.stream().flatMap(stack -> stack.process(service)));
        }
        LocalStack primary = stacks.getFirst();
        return cpu.part("PostgreSQL", postgres(primary.postgresDirectory()))
                .part("Kafka", primary::kafkaProcess)
                .part(LOAD_CLIENTS, () -> Stream.of(ProcessHandle.current()));
    }

    CpuTime part(String name, Supplier<Stream<ProcessHandle>> processes) {
        parts.put(name, processes);
        return this;
    }

    /** The embedded server's postmaster and its backends; nothing when PostgreSQL runs elsewhere. */
    static Supplier<Stream<ProcessHandle>> postgres(Path dataDirectory) {
        return () -> postmaster(dataDirectory).stream()
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()));
    }

    Map<String, Duration> read() {
        Map<String, Duration> used = new LinkedHashMap<>();
        parts.forEach((name, processes) -> used.put(name, processes.get()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus)));
        return used;
    }

    /** What each part used between two readings. */
    static Map<String, Duration> between(Map<String, Duration> start, Map<String, Duration> end) {
        Map<String, Duration> used = new LinkedHashMap<>();
        end.forEach((name, total) -> used.put(name, total.minus(start.getOrDefault(name, Duration.ZERO))));
        return used;
    }

    /**
     * The whole machine's CPU ticks so far (Linux {@code /proc/stat}): busy, and busy plus idle; empty elsewhere. The
     * difference of two readings says how busy the machine was, whoever kept it busy.
     */
    static Optional<long[]> machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            long busy = 0;
            for (int i = 1; i <= 8; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
            }
            return Optional.of(new long[] {busy, busy + idle});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            List<String> pidFile = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return pidFile.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pidFile.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
