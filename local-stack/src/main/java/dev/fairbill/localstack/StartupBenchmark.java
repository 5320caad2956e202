package dev.fairbill.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long each service takes to start on its own ({@code bench/startup.sh}): the whole suite starts once on its own
 * stack (fresh data, free ports, full JIT); then each service in turn is stopped and started again while the others
 * run, {@code --rounds} times, timed from launching its JVM to its readiness probe answering.
 * Prints the median of each against the target of at most 8 s. On Java 25 the services run with an ahead-of-time cache
 * ({@link AotLaunch}): the suite's first start records it and the first stop writes it, so every timed start uses it;
 * {@code -Dfairbill.aot-cache=false} (in {@code JDK_JAVA_OPTIONS}) measures without.
 */
public final class StartupBenchmark {

    private static final Duration TARGET = Duration.ofSeconds(8);
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx512m");

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        for (String arg : args) {
            if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; use --rounds=N");
            }
        }
        int times = rounds;
        System.setProperty("fairbill.aot-cache", System.getProperty("fairbill.aot-cache", "true"));
        LoadBenchmark.runOnOwnStack("startup", SERVICE_JVM_OPTIONS, stack -> measure(stack, times));
    }

    private static boolean measure(LocalStack stack, int rounds) throws java.io.IOException {
        boolean met = true;
        List<String> lines = new ArrayList<>();
        for (Service service : Service.values()) {
            List<Duration> times = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                stack.stop(service);
                long launched = System.nanoTime();
                stack.start(service);
                times.add(Duration.ofNanos(System.nanoTime() - launched));
            }
            Duration median = times.stream().sorted().toList().get(times.size() / 2);
            boolean serviceMet = median.compareTo(TARGET) <= 0;
            met &= serviceMet;
            lines.add("  %-24s %6.1f s   (%s)   target <= %d s   %s".formatted(service.module,
                    median.toMillis() / 1e3, String.join(", ", times.stream()
                            .map(time -> "%.1f".formatted(time.toMillis() / 1e3)).toList()),
                    TARGET.toSeconds(), serviceMet ? "met" : "NOT met"));
        }
        System.out.printf("%nStart-up: %d CPU cores, Java %s, %s, ahead-of-time cache %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version().feature(),
                String.join(" ", SERVICE_JVM_OPTIONS), AotLaunch.enabled() ? "on" : "off");
        System.out.println("  one service alone (the others running), launch to ready, median (each round):");
        lines.forEach(System.out::println);
        return met;
    }

    private StartupBenchmark() {
    }
}
