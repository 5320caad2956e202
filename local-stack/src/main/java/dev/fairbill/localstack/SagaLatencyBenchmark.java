package dev.fairbill.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.fairbill.postgres.PostgresServer;

/**
 * The sagas' latency on the whole local stack (issue "The sagas", benchmark): from a signed dispute webhook to the
 * account being SUSPENDED, at a steady 20 webhooks/s, and from a duplicate capture to its reversal. Each latency is
 * read from billing's own event store — the instant billing recorded the account's first hold, or the duplicate's
 * refund — so polling the API adds nothing to what is measured.
 */
public final class SagaLatencyBenchmark {

    private static final String TENANT = "studio";
    private static final String SUSPENDED = "billing.AccountHoldPlaced";
    private static final String CAPTURED = "billing.ChargeCaptured";
    private static final String REFUNDED = "billing.ChargeRefunded";
    private static final String DISPUTE_PREFIX = "du_bench_";
    private static final Duration DISPUTE_TARGET_P99 = Duration.ofMillis(250);
    private static final Duration REVERSAL_TARGET_P99 = Duration.ofSeconds(1);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /** @param rate webhooks per second; {@code warmup} webhooks go first and are not counted */
    record Options(int rate, Duration duration, int warmup, int duplicates) {

        static Options parse(String[] args) {
            Options options = new Options(20, Duration.ofSeconds(30), 100, 100);
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                options = switch (pair[0]) {
                    case "--rate" -> new Options(Integer.parseInt(pair[1]), options.duration(), options.warmup(),
                            options.duplicates());
                    case "--duration" -> new Options(options.rate(), Duration.ofSeconds(Long.parseLong(
                            pair[1].replace("s", ""))), options.warmup(), options.duplicates());
                    case "--warmup" -> new Options(options.rate(), options.duration(), Integer.parseInt(pair[1]),
                            options.duplicates());
                    case "--duplicates" -> new Options(options.rate(), options.duration(), options.warmup(),
                            Integer.parseInt(pair[1]));
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; options: --rate=N "
                            + "--duration=Ns --warmup=N (webhooks) --duplicates=N");
                };
            }
            return options;
        }

        int measured() {
            return (int) (rate * duration.toSeconds());
        }
    }

    private final Options options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SagaLatencyBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of(System.getProperty("fairbill.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fairbill-saga-bench");
        var stack = new LocalStack(StackSettings.onFreePorts(root, data), System.out,
                java.util.EnumSet.allOf(Service.class), List.of("-Xmx512m"));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-stop"));
        try {
            stack.start();
            new SagaLatencyBenchmark(options, System.out).run(stack);
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e + " (service logs in " + data.resolve("logs") + ")");
            stack.close();
            System.exit(2);
            return;
        }
        stack.close();
        LedgerConsumptionBenchmark.deleteRecursively(data);
        System.exit(0);
    }

    private void run(LocalStack stack) throws Exception {
        var token = InternalJwt.renewing(TENANT);
        var billing = new LedgerApiClient(stack.url(Service.BILLING), stack.url(Service.LEDGER), token);
        int disputes = options.warmup() + options.measured();
        out.printf("Opening %d accounts with a captured charge each ...%n", disputes);
        List<Disputed> targets = new ArrayList<>();
        for (int i = 0; i < disputes; i++) {
            String account = billing.openAccount("saga-bench-" + i);
            targets.add(new Disputed(account, billing.charge(account, 1000, "bench " + i).processorChargeId()));
        }

        out.printf("Dispute webhooks: %d/s through the gateway, %d warm-up, %d measured ...%n", options.rate(),
                options.warmup(), options.measured());
        Map<String, Instant> sentAt = sendDisputes(stack.gatewayUrl(), targets);
        PostgresServer postgres = stack.postgres();
        String billingDb = postgres.createDatabase(Service.BILLING.database);
        List<String> measuredAccounts = targets.subList(options.warmup(), targets.size()).stream()
                .map(Disputed::accountId).toList();
        Map<String, Instant> suspendedAt = awaitEvents(postgres, billingDb, SUSPENDED, measuredAccounts);
        List<Duration> suspension = latencies(measuredAccounts, sentAt, suspendedAt);
        Deliveries deliveries = deliveries(postgres, billingDb);

        out.printf("Duplicate captures: %d accounts, two identical charges each ...%n", options.duplicates());
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < options.duplicates(); i++) {
            String account = billing.openAccount("dup-bench-" + i);
            billing.charge(account, 700, "pack " + i);
            duplicates.add(billing.charge(account, 700, "pack " + i).chargeId());
        }
        Map<String, Instant> capturedAt = awaitEvents(postgres, billingDb, CAPTURED, duplicates);
        Map<String, Instant> refundedAt = awaitEvents(postgres, billingDb, REFUNDED, duplicates);
        List<Duration> reversal = latencies(duplicates, capturedAt, refundedAt);

        out.println();
        out.printf("Saga latency (%s, %d cores; all services, PostgreSQL and Kafka on this machine)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors());
        report("dispute webhook → account SUSPENDED", suspension, measuredAccounts.size(), DISPUTE_TARGET_P99);
        out.printf("    its stages: sent → stored %s; stored → applied to the dispute %s; applied → SUSPENDED %s%n",
                stage(latencies(measuredAccounts, sentAt, deliveries.storedAt())),
                stage(latencies(measuredAccounts, deliveries.storedAt(), deliveries.appliedAt())),
                stage(latencies(measuredAccounts, deliveries.appliedAt(), suspendedAt)));
        report("duplicate capture → refunded", reversal, duplicates.size(), REVERSAL_TARGET_P99);
    }

    private record Disputed(String accountId, String processorChargeId) {
    }

    /** Open loop: webhook {@code i} leaves at start + i/rate, whether or not the earlier ones were answered. */
    private Map<String, Instant> sendDisputes(String gateway, List<Disputed> targets) throws InterruptedException {
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        var scheduler = Executors.newScheduledThreadPool(4);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / options.rate();
        for (int i = 0; i < targets.size(); i++) {
            Disputed target = targets.get(i);
            scheduler.schedule(() -> {
                String body = StripeWebhooks.disputeEvent("charge.dispute.created", DISPUTE_PREFIX + target.accountId(),
                        target.processorChargeId(), 1000, "needs_response");
                var request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/stripe/" + TENANT))
                        .header("Content-Type", "application/json")
                        .header("Stripe-Signature", StripeWebhooks.signature(body, "whsec_test_" + TENANT))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                sentAt.put(target.accountId(), Instant.now());
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                    if (response.statusCode() / 100 != 2) {
                        failures.add("HTTP " + response.statusCode());
                    }
                });
            }, i * periodNanos, TimeUnit.NANOSECONDS);
        }
        scheduler.shutdown();
        scheduler.awaitTermination(1, TimeUnit.HOURS);
        if (!failures.isEmpty()) {
            out.printf("  %d webhooks were not accepted, e.g. %s%n", failures.size(), failures.getFirst());
        }
        return sentAt;
    }

    /** When billing recorded the first event of {@code payloadType} of each aggregate; waits for them to settle. */
    private static Map<String, Instant> awaitEvents(PostgresServer postgres, String url, String payloadType,
                                                    List<String> aggregates) throws SQLException,
            InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        Map<String, Instant> found = Map.of();
        while (Instant.now().isBefore(deadline)) {
            found = firstEvents(postgres, url, payloadType, aggregates);
            if (found.size() == aggregates.size()) {
                break;
            }
            Thread.sleep(500);
        }
        return found;
    }

    private static Map<String, Instant> firstEvents(PostgresServer postgres, String url, String payloadType,
                                                    List<String> aggregates) throws SQLException {
        Map<String, Instant> first = new ConcurrentHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
             var query = connection.prepareStatement("""
                     SELECT aggregateidentifier, MIN(timestamp) FROM domainevententry
                     WHERE payloadtype = ? AND aggregateidentifier = ANY (?) GROUP BY aggregateidentifier""")) {
            query.setString(1, payloadType);
            query.setArray(2, connection.createArrayOf("varchar", aggregates.toArray()));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    first.put(rows.getString(1), Instant.parse(rows.getString(2)));
                }
            }
        }
        return first;
    }

    /** Per disputed account: when billing stored its webhook delivery and when it applied it. */
    private record Deliveries(Map<String, Instant> storedAt, Map<String, Instant> appliedAt) {
    }

    private static Deliveries deliveries(PostgresServer postgres, String url) throws SQLException {
        Deliveries times = new Deliveries(new HashMap<>(), new HashMap<>());
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
             var query = connection.prepareStatement("""
                     SELECT payload::jsonb #>> '{data,object,id}', received_at, processed_at FROM webhook_deliveries
                     WHERE processed_at IS NOT NULL""");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                String dispute = rows.getString(1);
                if (dispute != null && dispute.startsWith(DISPUTE_PREFIX)) {
                    String account = dispute.substring(DISPUTE_PREFIX.length());
                    times.storedAt().put(account, rows.getTimestamp(2).toInstant());
                    times.appliedAt().put(account, rows.getTimestamp(3).toInstant());
                }
            }
        }
        return times;
    }

    private static String stage(List<Duration> sorted) {
        return sorted.isEmpty() ? "-" : "p50 %d / p99 %d ms".formatted(percentile(sorted, 0.50).toMillis(),
                percentile(sorted, 0.99).toMillis());
    }

    private static List<Duration> latencies(List<String> keys, Map<String, Instant> from, Map<String, Instant> to) {
        return keys.stream().filter(key -> from.containsKey(key) && to.containsKey(key))
                .map(key -> Duration.between(from.get(key), to.get(key))).sorted().toList();
    }

    private void report(String what, List<Duration> latencies, int expected, Duration targetP99) {
        if (latencies.isEmpty()) {
            out.printf("  %-40s none of %d happened within %d s%n", what, expected, SETTLE.toSeconds());
            return;
        }
        Duration p99 = percentile(latencies, 0.99);
        out.printf("  %-40s n=%d of %d  p50 %d ms  p95 %d ms  p99 %d ms  max %d ms  (target p99 <= %d ms: %s)%n",
                what, latencies.size(), expected, percentile(latencies, 0.50).toMillis(),
                percentile(latencies, 0.95).toMillis(), p99.toMillis(), latencies.getLast().toMillis(),
                targetP99.toMillis(), p99.compareTo(targetP99) <= 0 ? "met" : "NOT met");
    }

    private static Duration percentile(List<Duration> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
