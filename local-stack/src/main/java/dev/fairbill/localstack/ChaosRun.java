package dev.fairbill.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of the fault benchmark: the realistic mix through the gateway, with clients that retry their writes, while
 * one service picked at random, the Kafka broker and PostgreSQL are each killed with {@code kill -9} at a random
 * moment. The stack's supervisor starts each again. Once the suite is whole and has settled, the books and the fault
 * checks run. The seed decides the faults, their moments and the traffic, so a run can be replayed.
 */
final class ChaosRun {

    private static final List<Service> SERVICES = List.of(Service.BILLING, Service.LEDGER, Service.REFUND,
            Service.GATEWAY);
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final Duration PROGRESS = Duration.ofSeconds(15);

    /** One {@code kill -9}: of a service, of {@code kafka} or of {@code postgres}, {@code at} into the run. */
    record Fault(Duration at, String target) {

        @Override
        public String toString() {
            return "%s at %.1f s".formatted(target, at.toMillis() / 1000.0);
        }
    }

    /**
     * What one run did and found.
     *
     * @param recovered how long after the load the suite took to be whole again
     * @param retried   writes the clients had to send more than once
     * @param serverErrors 500 answers among all attempts of the retried writes; {@code serverErrorSample} the first
     */
    record Result(long seed, List<Fault> faults, ClosedLoopLoad.Result load, Duration recovered, int retried,
                  int serverErrors, String serverErrorSample, Duration longestRetry, Books.Settling settling, List<Books.Check> checks) {

        List<String> violations() {
            List<String> violations = new ArrayList<>();
            if (!settling.pending().isEmpty()) {
                violations.add("not settled after " + settling.waited().toSeconds() + " s: " + settling.pending());
            }
            checks.stream().filter(check -> !check.passed()).forEach(check -> violations.add(check.name() + ": "
                    + check.violations().size() + ", e.g. " + check.violations().getFirst()));
            return violations;
        }
    }

    private ChaosRun() {
    }

    /** The faults of the run with {@code seed}: one random service, Kafka and PostgreSQL, within the first 60 %. */
    static List<Fault> plan(long seed, Duration duration) {
        var random = new SplittableRandom(seed);
        List<String> targets = List.of(SERVICES.get(random.nextInt(SERVICES.size())).part(), "kafka", "postgres");
        List<Fault> faults = new ArrayList<>();
        for (String target : targets) {
            long at = (long) (duration.toMillis() * (0.1 + 0.5 * random.nextDouble()));
            faults.add(new Fault(Duration.ofMillis(at), target));
        }
        faults.sort(Comparator.comparing(Fault::at));
        return faults;
    }

    static Result run(LocalStack stack, LoadFixtures fixtures, LoadGateway gateway, Books books, long seed,
                      int clients, Duration duration, PrintStream out) throws Exception {
        List<Fault> faults = plan(seed, duration);
        var retrier = new Retrier();
        var mix = new TrafficMix(fixtures, gateway, retrier);
        var traffic = new SplittableRandom(seed ^ 0x5DEECE66DL);
        var tally = new Tally(System.nanoTime());
        try (var wholeness = Wholeness.watch(stack)) {
            long start = System.nanoTime();
            Thread injector = Thread.ofPlatform().name("fault-injector").start(() -> inject(stack, faults, start));
            ClosedLoopLoad.Result load = ClosedLoopLoad.run(clients, Duration.ZERO, duration,
                    client -> mix.client(tally, traffic.split()), ClosedLoopLoad.Observer.NONE);
            injector.join();
            Duration recovered = stack.awaitWhole(RECOVERY);
            Books.Settling settling = settle(books, out);
            List<Books.Check> checks = new ArrayList<>(books.check());
            List<Retrier.Retried> retried = retrier.retried();
            checks.addAll(new ChaosChecks(books).check(retried, wholeness));
            long longest = retried.stream().filter(Retrier.Retried::answered)
                    .mapToLong(write -> write.answeredNanos() - write.firstNanos()).max().orElse(0);
            return new Result(seed, faults, load, recovered, retried.size(),
                    retried.stream().mapToInt(Retrier.Retried::serverErrors).sum(), retrier.serverErrorSample(),
                    Duration.ofNanos(longest), settling, checks);
        }
    }

    /** Lets the suite settle, saying every 15 s what it still waits for. */
    static Books.Settling settle(Books books, PrintStream out) throws Exception {
        Duration waited = Duration.ZERO;
        Books.Settling settling = books.settle(PROGRESS);
        while (!settling.pending().isEmpty() && waited.plus(settling.waited()).compareTo(SETTLE) < 0) {
            waited = waited.plus(settling.waited());
            out.printf("  after %d s still pending: %s%n", waited.toSeconds(), settling.pending());
            settling = books.settle(PROGRESS);
        }
        return new Books.Settling(waited.plus(settling.waited()), settling.pending());
    }

    private static void inject(LocalStack stack, List<Fault> faults, long start) {
        for (Fault fault : faults) {
            long wait = start + fault.at().toNanos() - System.nanoTime();
            if (wait > 0) {
                LocalStack.sleep(Duration.ofNanos(wait));
            }
            switch (fault.target()) {
                case "kafka" -> stack.killKafka();
                case "postgres" -> stack.killPostgres();
                default -> stack.kill(Service.valueOf(fault.target().toUpperCase(java.util.Locale.ROOT)));
            }
        }
    }
}
