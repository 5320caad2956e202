package dev.fairbill.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The replica benchmark ({@code bench/replicas.sh}) and, shorter, the replica test ({@code ReplicasIT}): a second
 * instance of every service and of the gateway on the same databases, broker and Redis, as the production overlay runs
 * them. It measures the realistic mix's throughput with one replica of each and with two (the same clients, half
 * through each gateway), then drives the mix with clients that retry their writes through both gateways while one
 * replica (billing's, by default) is killed with {@code kill -9} and kept down until the survivor holds every segment
 * of its processors, then started again. It checks:
 * <ul>
 *     <li>work is shared: both replicas of each service hold segments of every tracking processor, and each Kafka
 *     consumer group has twice the members, each with partitions of its own;</li>
 *     <li>the killed replica's segments are all the survivor's within {@link #HANDOVER_LIMIT}, and the replica
 *     started again gets its share back;</li>
 *     <li>the books and the fault checks hold (every effect once) once the suite has settled;</li>
 *     <li>the rate limit is one limit across the two gateways: with both restarted at a burst of
 *     {@value #LIMIT_BURST}, twice that many requests alternating between them are half refused.</li>
 * </ul>
 */
public final class ReplicasBenchmark {

    /** The full JIT, as in production and the load benchmark: the throughputs are compared with the load's. */
    private static final List<String> SERVICE_JVM_OPTIONS =
            List.of("-Xmx" + System.getProperty("fairbill.bench.service-heap", "512m"));
    private static final List<Service> WITH_DATABASE = List.of(Service.BILLING, Service.LEDGER, Service.REFUND);
    /**
     * How soon the survivor holds a killed replica's segments: its claims run out after the token claim timeout (10 s)
     * and the survivor's idle threads look for segments every claim interval (2 s); 3 s more for the polling of this
     * check and a busy machine.
     */
    static final Duration HANDOVER_LIMIT = Duration.ofSeconds(15);
    private static final Duration BALANCE_WAIT = Duration.ofSeconds(90);
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    static final int LIMIT_BURST = 20;
    private static final Duration IDLE = Duration.ofSeconds(15);

    /**
     * @param clients   concurrent clients of every load
     * @param warmup    the load before each throughput level is measured (the JIT compiles the new replicas' code)
     * @param measure   how long each throughput level is measured; zero skips both levels
     * @param duration  the load during which the victim is killed (at 30 %)
     * @param accountsPerTenant the pool the load works on
     * @param victim    the service whose second replica is killed
     */
    record Options(int clients, Duration warmup, Duration measure, Duration duration, int accountsPerTenant,
                   Service victim) {

        static final String USAGE = "options: --clients=16 --warmup=60s --measure=60s --duration=60s --accounts=4 "
                + "(per tenant) --kill=billing|ledger|refund";

        Options {
            if (clients < 1 || warmup.isNegative() || measure.isNegative() || duration.isZero() || duration.isNegative()
                    || accountsPerTenant < 1 || victim == Service.GATEWAY) {
                throw new IllegalArgumentException("clients, duration and accounts must be positive, the victim a "
                        + "service with a database; " + USAGE);
            }
        }

        static Options parse(String[] args) {
            int clients = 16;
            Duration warmup = Duration.ofSeconds(60);
            Duration measure = Duration.ofSeconds(60);
            Duration duration = Duration.ofSeconds(60);
            int accounts = 4;
            Service victim = Service.BILLING;
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                String value = pair.length == 2 ? pair[1] : "";
                switch (pair[0]) {
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--warmup" -> warmup = LedgerConsumptionBenchmark.Options.seconds(value);
                    case "--measure" -> measure = LedgerConsumptionBenchmark.Options.seconds(value);
                    case "--duration" -> duration = LedgerConsumptionBenchmark.Options.seconds(value);
                    case "--accounts" -> accounts = Integer.parseInt(value);
                    case "--kill" -> victim = Service.valueOf(value.toUpperCase(Locale.ROOT));
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
                }
            }
            return new Options(clients, warmup, measure, duration, accounts, victim);
        }
    }

    /**
     * What the run measured and found.
     *
     * @param onePerSecond  scenarios per second with one replica of each (0 when not measured)
     * @param twoPerSecond  the same with two
     * @param segments      while both ran: per service and processor, the segments each replica held
     * @param consumersOne  per consumer group, the partitions of each member with one replica of each service
     * @param consumersTwo  the same with two
     * @param handover      how long after the kill the survivor held every segment; null if it never did
     * @param rejoined      whether the replica started again got its share of every processor back
     * @param limitAnswers  the statuses of the requests sent alternately to the two gateways at the low limit; empty
     *                      when no Redis answers here (each gateway then limits on its own)
     */
    record Result(double onePerSecond, double twoPerSecond, Map<String, Map<String, Integer>> segments,
                  Map<String, List<Integer>> consumersOne, Map<String, List<Integer>> consumersTwo, Duration handover,
                  boolean rejoined, ClosedLoopLoad.Result load, int retried, Books.Settling settling,
                  List<Books.Check> checks, List<Integer> limitAnswers) {

        double ratio() {
            return onePerSecond == 0 ? 0 : twoPerSecond / onePerSecond;
        }

        long limited() {
            return limitAnswers.stream().filter(status -> status == 429).count();
        }

        List<String> violations() {
            List<String> violations = new ArrayList<>();
            segments.forEach((processor, held) -> {
                if (held.size() < 2) {
                    violations.add("segments of " + processor + " not shared: " + held);
                }
            });
            consumersTwo.forEach((group, members) -> {
                int before = consumersOne.getOrDefault(group, List.of()).size();
                if (members.size() < 2 * before || members.contains(0)) {
                    violations.add("consumer group " + group + " not shared: partitions per member " + members
                            + " (with one replica " + consumersOne.get(group) + ")");
                }
            });
            if (handover == null || handover.compareTo(HANDOVER_LIMIT) > 0) {
                violations.add("the killed replica's segments were the survivor's "
                        + (handover == null ? "never" : "after " + handover.toMillis() + " ms") + ", limit "
                        + HANDOVER_LIMIT.toSeconds() + " s");
            }
            if (!rejoined) {
                violations.add("the replica started again did not get its share of the segments back");
            }
            if (!settling.pending().isEmpty()) {
                violations.add("not settled after " + settling.waited().toSeconds() + " s: " + settling.pending());
            }
            checks.stream().filter(check -> !check.passed()).forEach(check -> violations.add(check.name() + ": "
                    + check.violations().size() + ", e.g. " + check.violations().getFirst()));
            if (!limitAnswers.isEmpty() && (limited() != LIMIT_BURST
                    || limitAnswers.stream().anyMatch(status -> status != 200 && status != 429))) {
                violations.add("the two gateways allowed " + (limitAnswers.size() - limited()) + " of "
                        + limitAnswers.size() + " requests at a shared burst of " + LIMIT_BURST + ": " + limitAnswers);
            }
            return violations;
        }
    }

    private ReplicasBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = LoadBenchmark.optionsOrExit(Options::parse, args);
        LoadBenchmark.runOnOwnStack("replicas", EnumSet.allOf(Service.class), SERVICE_JVM_OPTIONS,
                stack -> report(run(stack, Files.createTempDirectory("fairbill-replica-bench"), options, System.out),
                        options, System.out));
    }

    /**
     * Runs the benchmark on {@code primary} (started, its gateway's rate limit raised) and a replica of it whose logs
     * go to {@code replicaData}.
     */
    static Result run(LocalStack primary, Path replicaData, Options options, PrintStream out) throws Exception {
        var gatewayOne = new LoadGateway(primary.gatewayUrl());
        LoadFixtures fixtures = new LoadSetup(gatewayOne, out).open(options.accountsPerTenant());
        try (var kafka = new KafkaBacklog(primary.kafkaBootstrapServers())) {
            var books = new Books(primary.postgres(), kafka, gatewayOne);
            double one = throughput("one replica of each", List.of(primary), fixtures, options, out);
            Map<String, List<Integer>> consumersOne = kafka.assignments();
            out.println("\nStarting a second replica of every service and of the gateway (logs in " + replicaData
                    + ") ...");
            try (LocalStack replica = primary.replica(replicaData)) {
                replica.start();
                var gatewayTwo = new LoadGateway(replica.gatewayUrl());
                Map<String, Map<String, Integer>> segments = awaitShared(primary, replica, books, WITH_DATABASE);
                out.println("  segments held, by service and processor: " + segments);
                double two = throughput("two replicas of each", List.of(primary, replica), fixtures, options, out);
                Map<String, List<Integer>> consumersTwo = kafka.assignments();

                out.printf("%nThe mix through both gateways, %d clients for %d s, killing %s's second replica at "
                                + "30 %% ...%n", options.clients(), options.duration().toSeconds(),
                        options.victim().module);
                var retrier = new Retrier();
                List<TrafficMix> mixes = List.of(new TrafficMix(fixtures, gatewayOne, retrier),
                        new TrafficMix(fixtures, gatewayTwo, retrier));
                var traffic = new SplittableRandom(17);
                var tally = new Tally(System.nanoTime());
                try (var wholeness = Wholeness.watch(() -> primary.whole() && replica.whole()
                        && !replica.holding())) {
                    var handover = new AtomicReference<Duration>();
                    var failure = new AtomicReference<Exception>();
                    Thread killer = Thread.ofPlatform().name("replica-killer").start(() -> {
                        try {
                            LocalStack.sleep(Duration.ofMillis(options.duration().toMillis() * 3 / 10));
                            handover.set(killAndRestart(primary, replica, books, options.victim(), out));
                        } catch (Exception e) {
                            failure.set(e);
                        }
                    });
                    ClosedLoopLoad.Result load = ClosedLoopLoad.run(options.clients(), Duration.ZERO,
                            options.duration(), client -> mixes.get(client % 2).client(tally, traffic.split()),
                            ClosedLoopLoad.Observer.NONE);
                    killer.join();
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    primary.awaitWhole(RECOVERY);
                    replica.awaitWhole(RECOVERY);
                    Books.Settling settling = ChaosRun.settle(books, out);
                    List<Books.Check> checks = new ArrayList<>(books.check());
                    List<Retrier.Retried> retried = retrier.retried();
                    checks.addAll(new ChaosChecks(books).check(retried, wholeness));
                    boolean rejoined = shared(awaitShared(primary, replica, books, List.of(options.victim())));
                    List<Integer> limit = sharedLimit(primary, replica, out);
                    return new Result(one, two, segments, consumersOne, consumersTwo, handover.get(), rejoined, load,
                            retried.size(), settling, checks, limit);
                }
            }
        }
    }

    /** Scenarios per second of the mix through {@code gateways} (clients spread over them); 0 when not measured. */
    private static double throughput(String label, List<LocalStack> stacks, LoadFixtures fixtures,
                                     Options options, PrintStream out) throws InterruptedException {
        if (options.measure().isZero()) {
            return 0;
        }
        Duration warmup = options.warmup();
        var idle = CpuTime.of(stacks);
        Map<String, Duration> before = idle.read();
        LocalStack.sleep(IDLE);
        double idleCores = CpuTime.between(before, idle.read()).entrySet().stream()
                .filter(part -> !part.getKey().equals(CpuTime.LOAD_CLIENTS))
                .mapToLong(part -> part.getValue().toNanos()).sum() / (double) IDLE.toNanos();
        out.printf("%nIdle, %s: %.2f cores busy (services, PostgreSQL and Kafka, no requests for %d s)%n", label,
                idleCores, IDLE.toSeconds());
        out.printf("%nThroughput with %s: %d clients, %d s after %d s of warm-up ...%n", label, options.clients(),
                options.measure().toSeconds(), warmup.toSeconds());
        List<TrafficMix> mixes = stacks.stream()
                .map(stack -> new TrafficMix(fixtures, new LoadGateway(stack.gatewayUrl()))).toList();
        var random = new SplittableRandom(7);
        var tally = new Tally(System.nanoTime() + warmup.toNanos());
        var window = new MeasuredWindow(CpuTime.of(stacks), null);
        ClosedLoopLoad.Result result = ClosedLoopLoad.run(options.clients(), warmup, options.measure(),
                client -> mixes.get(client % mixes.size()).client(tally, random.split()), window);
        Tally.Figures all = tally.figures(options.measure()).getLast();
        out.printf("  %.1f scenarios/s (%d failed), %.1f requests/s, p50 %.1f ms, p99 %.1f ms, machine %s busy%n",
                result.perSecond(), result.failed(), all.perSecond(), all.latencyP50Millis(),
                all.latencyP99Millis(), window.machineBusy().isPresent()
                        ? "%.0f %%".formatted(window.machineBusy().getAsDouble() * 100) : "?");
        Map<String, Duration> used = window.cpuUsed();
        out.println("  CPU per request: " + used.entrySet().stream().map(part -> "%s %.3f ms".formatted(part.getKey(),
                part.getValue().toNanos() / 1e6 / all.requests())).collect(Collectors.joining(", ")) + "; all %.3f ms"
                .formatted(used.values().stream().mapToLong(Duration::toNanos).sum() / 1e6 / all.requests()));
        return all.perSecond();
    }

    /**
     * Kills {@code victim}'s second replica with {@code kill -9} and keeps it down until the first holds every segment
     * of the service's processors, then starts it again. Returns how long the handover took, or null when it did not
     * happen within a minute.
     */
    private static Duration killAndRestart(LocalStack primary, LocalStack replica, Books books, Service victim,
                                           PrintStream out) throws IOException, SQLException {
        replica.killAndHold(victim);
        long killed = System.nanoTime();
        out.printf("  killed %s (%s) with kill -9%n", victim.module, replica.node(victim));
        Duration handover = null;
        while (handover == null && System.nanoTime() - killed < Duration.ofMinutes(1).toNanos()) {
            List<String> notYet = books.rows(victim, """
                    SELECT processorname FROM tokenentry GROUP BY processorname
                    HAVING count(*) <> count(*) FILTER (WHERE owner = '%s')""".formatted(primary.node(victim)),
                    row -> row.getString(1));
            if (notYet.isEmpty()) {
                handover = Duration.ofNanos(System.nanoTime() - killed);
            } else {
                LocalStack.sleep(Duration.ofMillis(200));
            }
        }
        out.printf("  %s held every segment after %s; starting %s again%n", primary.node(victim),
                handover == null ? "more than a minute" : handover.toMillis() + " ms", replica.node(victim));
        replica.start(victim);
        return handover;
    }

    /**
     * Waits (at most {@link #BALANCE_WAIT}) until both replicas of each of {@code services} hold segments of every
     * tracking processor; returns what each held, by service and processor, when they did or when it gave up.
     */
    private static Map<String, Map<String, Integer>> awaitShared(LocalStack primary, LocalStack replica, Books books,
                                                                 List<Service> services) throws SQLException {
        long deadline = System.nanoTime() + BALANCE_WAIT.toNanos();
        Map<String, Map<String, Integer>> held = held(books, services);
        while (!shared(held) && System.nanoTime() < deadline) {
            LocalStack.sleep(Duration.ofSeconds(1));
            held = held(books, services);
        }
        Map<String, Map<String, Integer>> ours = new TreeMap<>();
        held.forEach((processor, owners) -> {
            Map<String, Integer> nodes = new TreeMap<>(owners);
            nodes.keySet().removeIf(node -> services.stream().noneMatch(service ->
                    node.equals(primary.node(service)) || node.equals(replica.node(service))));
            ours.put(processor, nodes);
        });
        return ours;
    }

    private static boolean shared(Map<String, Map<String, Integer>> held) {
        return !held.isEmpty() && held.values().stream().allMatch(owners -> owners.size() >= 2);
    }

    /** The segments each node holds, by {@code service/processor}. */
    private static Map<String, Map<String, Integer>> held(Books books, List<Service> services) throws SQLException {
        Map<String, Map<String, Integer>> held = new TreeMap<>();
        for (Service service : services) {
            books.rows(service, """
                    SELECT processorname, owner, count(*) FROM tokenentry WHERE owner IS NOT NULL
                    GROUP BY processorname, owner""", row -> held.computeIfAbsent(service.part() + "/"
                    + row.getString(1), processor -> new TreeMap<>()).put(row.getString(2), row.getInt(3)));
            books.rows(service, "SELECT DISTINCT processorname FROM tokenentry", row ->
                    held.computeIfAbsent(service.part() + "/" + row.getString(1), processor -> new TreeMap<>()));
        }
        return held;
    }

    /**
     * Restarts both gateways with a per-key burst of {@value #LIMIT_BURST}, next to nothing refilled, and fresh keys in
     * Redis, then sends twice the burst with one key, alternately to each. Returns their statuses; none when no Redis
     * answers here.
     */
    private static List<Integer> sharedLimit(LocalStack primary, LocalStack replica, PrintStream out)
            throws IOException {
        if (LocalRedis.find().isEmpty()) {
            out.println("\nNo Redis answers here: each gateway limits on its own, the shared limit is not checked");
            return List.of();
        }
        String[] lowLimit = {"--fairbill.gateway.rate-limit.requests-per-second=0.01",
                "--fairbill.gateway.rate-limit.burst=" + LIMIT_BURST,
                "--fairbill.gateway.rate-limit.redis.prefix=fairbill:replicas-" + System.nanoTime() + ":"};
        out.printf("%nRestarting both gateways with a burst of %d per key ...%n", LIMIT_BURST);
        primary.restartWith(Service.GATEWAY, lowLimit);
        replica.restartWith(Service.GATEWAY, lowLimit);
        for (LocalStack stack : List.of(primary, replica)) {
            awaitSharedLimits(stack);
        }
        List<LoadGateway> gateways = List.of(new LoadGateway(primary.gatewayUrl()),
                new LoadGateway(replica.gatewayUrl()));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * LIMIT_BURST; i++) {
            statuses.add(gateways.get(i % 2).get("chat", "/api/v1/plans").status());
        }
        return statuses;
    }

    /** Waits (at most 30 s) until the stack's gateway says its limits are shared, as it does once Redis answers. */
    private static void awaitSharedLimits(LocalStack stack) {
        var metrics = java.net.URI.create(stack.managementUrl(Service.GATEWAY) + "/actuator/prometheus");
        var http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.lines().anyMatch(line -> line.startsWith("fairbill_gateway_rate_limit_shared")
                        && line.endsWith(" 1.0"))) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LocalStack.sleep(Duration.ofMillis(250));
        }
    }

    /** Prints the figures and the checks; met when nothing was violated. */
    static boolean report(Result result, Options options, PrintStream out) {
        out.printf("%nload: %d scenarios ok, %d failed; %d writes retried%n", result.load().ok(),
                result.load().failed(), result.retried());
        out.println("consumer groups, partitions per member, one replica: " + result.consumersOne());
        out.println("consumer groups, partitions per member, two replicas: " + result.consumersTwo());
        out.printf("handover after kill -9: %s (limit %d s); the replica started again got its share back: %s%n",
                result.handover() == null ? "none" : result.handover().toMillis() + " ms",
                HANDOVER_LIMIT.toSeconds(), result.rejoined() ? "yes" : "NO");
        if (result.limitAnswers().isEmpty()) {
            out.println("shared rate limit: not checked (no Redis)");
        } else {
            out.printf("shared rate limit: %d of %d requests alternating between the gateways refused (burst %d)%n",
                    result.limited(), result.limitAnswers().size(), LIMIT_BURST);
        }
        List<String> violations = result.violations();
        out.println(violations.isEmpty() ? "violations: none" : "VIOLATIONS (" + violations.size() + "):");
        violations.forEach(violation -> out.println("  - " + violation));
        if (!options.measure().isZero()) {
            out.printf("throughput: %.1f requests/s with one replica of each, %.1f with two: ratio %.2f "
                            + "(target: at least 0.9 on one machine, where both share its %d cores: %s)%n",
                    result.onePerSecond(), result.twoPerSecond(), result.ratio(),
                    Runtime.getRuntime().availableProcessors(), result.ratio() >= 0.9 ? "met" : "NOT met");
        }
        return violations.isEmpty();
    }
}
