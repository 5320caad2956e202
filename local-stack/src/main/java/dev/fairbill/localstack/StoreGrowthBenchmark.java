package dev.fairbill.localstack;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;


/**
 * Does the ledger stay as fast when its event store is large ({@code bench/store-growth.sh})? In one run, on its own
 * stack (billing and the ledger, fresh data, free ports, full JIT):
 *
 * <ol>
 *   <li>consumptions through the REST API on an almost empty store: a few clients, one account each, closed loop;
 *       the median latency after a warm-up;</li>
 *   <li>the ledger stops; its store is filled with at least a million events in bulk (copies of a real
 *       {@code CreditsConsumed}, spread over streams of 1,000 events, as busy accounts have); the tracking
 *       processors' tokens are moved past them, as if they had been processed; the ledger starts again and the
 *       same measurement runs against the full store;</li>
 *   <li>a full rebuild of the double-entry journal, a tracking projection: the journal is emptied, its token
 *       removed, the ledger started, and the events per second replayed from the first token write to the
 *       newest event.</li>
 * </ol>
 *
 * It prints the plans PostgreSQL chooses for the event store's queries at that size (each must be an index scan),
 * and every figure against its target: median with a full store at most 1.2× the empty store's, a rebuild at least
 * 20,000 events/s.
 */
public final class StoreGrowthBenchmark {

    private static final double TARGET_LATENCY_RATIO = 1.2;
    private static final double TARGET_REBUILD_RATE = 20_000;
    private static final long GRANT = 1_000_000_000L;
    private static final String TENANT = "panel";
    private static final int EVENTS_PER_STREAM = 1_000;
    private static final int FILL_CHUNK = 100_000;
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx512m");
    private static final String JOURNAL_PROCESSOR = "ledger-journal";
    private static final Pattern TOKEN_GAPS = Pattern.compile("\"gaps\"\\s*:\\s*\\[[^\\]]*\\]");

    record Options(long events, int clients, Duration warmup, Duration duration) {

        static Options parse(String[] args) {
            var options = new Options(1_000_000, 4, Duration.ofSeconds(60), Duration.ofSeconds(20));
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                options = switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                    case "--events" -> new Options(Long.parseLong(value), options.clients, options.warmup,
                            options.duration);
                    case "--clients" -> new Options(options.events, Integer.parseInt(value), options.warmup,
                            options.duration);
                    case "--warmup" -> new Options(options.events, options.clients,
                            LedgerConsumptionBenchmark.Options.seconds(value), options.duration);
                    case "--duration" -> new Options(options.events, options.clients, options.warmup,
                            LedgerConsumptionBenchmark.Options.seconds(value));
                    default -> throw new IllegalArgumentException("unknown option " + arg
                            + "; use --events=N --clients=N --warmup=Ns --duration=Ns");
                };
            }
            return options;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final LocalStack stack;
    private final DatabaseActivity ledgerDatabase;

    private StoreGrowthBenchmark(Options options, PrintStream out, LocalStack stack) {
        this.options = options;
        this.out = out;
        this.stack = stack;
        this.ledgerDatabase = new DatabaseActivity(stack.postgres(), Service.LEDGER.database);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LoadBenchmark.runOnOwnStack("store-growth", EnumSet.of(Service.BILLING, Service.LEDGER), SERVICE_JVM_OPTIONS,
                stack -> new StoreGrowthBenchmark(options, System.out, stack).run());
    }

    private boolean run() throws Exception {
        var token = InternalJwt.renewing(TENANT);
        var api = new LedgerApiClient(stack.url(Service.BILLING), stack.url(Service.LEDGER), token);
        out.printf("Opening %d accounts and granting each ledger %,d credits ...%n", options.clients(), GRANT);
        List<String> accounts = api.openFundedAccounts(options.clients(), GRANT);

        ClosedLoopLoad.Result empty = consumptions("an almost empty store", api, accounts);
        ledgerDatabase.awaitTrackingProcessors(Duration.ofMinutes(3));
        long before = count("SELECT count(*) FROM domainevententry");

        stack.stop(Service.LEDGER);
        fill();
        long stored = count("SELECT count(*) FROM domainevententry");
        stack.start(Service.LEDGER);
        ClosedLoopLoad.Result full = consumptions(String.format("%,d events", stored), api, accounts);
        ledgerDatabase.awaitTrackingProcessors(Duration.ofMinutes(3));
        printPlans();

        Rebuild rebuild = rebuildJournal();

        var report = new BenchmarkReport(out, options.clients());
        out.println();
        out.printf("Store growth: %d CPU cores, Java %s, %d clients, one account each, measured %d s per phase%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version().feature(), options.clients(),
                options.duration().toSeconds());
        out.printf("  consumptions, %,9d events stored: %,8d ok, p50 %.1f ms, p99 %.1f ms, %d failed%n", before,
                empty.ok(), empty.latencyMillis(0.5), empty.latencyMillis(0.99), empty.failed());
        out.printf("  consumptions, %,9d events stored: %,8d ok, p50 %.1f ms, p99 %.1f ms, %d failed%n", stored,
                full.ok(), full.latencyMillis(0.5), full.latencyMillis(0.99), full.failed());
        out.printf("  journal rebuild: %,d events in %.1f s%n", rebuild.events(), rebuild.took().toMillis() / 1e3);
        out.println("Targets:");
        double ratio = empty.latencyMillis(0.5) == 0 ? Double.POSITIVE_INFINITY
                : full.latencyMillis(0.5) / empty.latencyMillis(0.5);
        boolean met = report.target("p50 full store / empty store", ratio, "<=", TARGET_LATENCY_RATIO, "%.2f");
        met &= report.target("journal rebuild (events/s)", rebuild.perSecond(), ">=", TARGET_REBUILD_RATE, "%.0f");
        met &= empty.failed() == 0 && full.failed() == 0;
        report.failureSamples(empty, full);
        return met;
    }

    private ClosedLoopLoad.Result consumptions(String store, LedgerApiClient api, List<String> accounts)
            throws InterruptedException {
        out.printf("Consumptions with %s: %d clients, warm-up %d s, measuring %d s ...%n", store, options.clients(),
                options.warmup().toSeconds(), options.duration().toSeconds());
        String run = UUID.randomUUID().toString().substring(0, 8);
        return ClosedLoopLoad.run(options.clients(), options.warmup(), options.duration(),
                i -> api.consumer(accounts.get(i), run, true), ClosedLoopLoad.Observer.NONE);
    }

    /**
     * Copies the store's newest {@code CreditsConsumed} {@code options.events} times in chunks, each copy with its own
     * event id, in streams of {@link #EVENTS_PER_STREAM}; then moves every tracking token to the newest event.
     */
    private void fill() throws SQLException {
        out.printf("Filling the ledger's store with %,d events ...%n", options.events());
        long started = System.nanoTime();
        try (Connection connection = ledgerDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMPORARY TABLE template AS
                    SELECT type, metadata, payload, payloadrevision, payloadtype, timestamp FROM domainevententry
                    WHERE payloadtype LIKE '%CreditsConsumed' ORDER BY globalindex DESC LIMIT 1""");
            for (long from = 0; from < options.events(); from += FILL_CHUNK) {
                long to = Math.min(options.events(), from + FILL_CHUNK) - 1;
                statement.execute("""
                        INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                                                      metadata, payload, payloadrevision, payloadtype, timestamp)
                        SELECT 'bulk-%s-' || (g / %d), g %% %d, t.type, gen_random_uuid()::text, t.metadata,
                               t.payload, t.payloadrevision, t.payloadtype, t.timestamp
                        FROM generate_series(%d, %d) g, template t""".formatted(UUID.randomUUID(),
                        EVENTS_PER_STREAM, EVENTS_PER_STREAM, from, to));
                out.printf("  %,d%n", to + 1);
            }
            statement.execute("ANALYZE domainevententry");
            long newest = count("SELECT max(globalindex) FROM domainevententry");
            moveTokens(connection, null, newest);
        }
        out.printf("  filled in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Sets the tracking tokens of {@code processor} (all processors: {@code null}) to {@code index}, no gaps. */
    private static void moveTokens(Connection connection, String processor, long index) throws SQLException {
        List<String[]> tokens = new ArrayList<>();
        try (var rows = connection.createStatement().executeQuery(
                "SELECT processorname, segment, convert_from(token, 'UTF8') FROM tokenentry WHERE token IS NOT NULL")) {
            while (rows.next()) {
                if (processor == null || processor.equals(rows.getString(1))) {
                    tokens.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalStateException("no tracking token of "
                    + (processor == null ? "any processor" : processor));
        }
        try (var update = connection.prepareStatement(
                "UPDATE tokenentry SET token = convert_to(?, 'UTF8') WHERE processorname = ? AND segment = ?")) {
            for (String[] row : tokens) {
                String moved = DatabaseActivity.TOKEN_INDEX.matcher(row[2]).replaceAll("\"index\":" + index);
                update.setString(1, TOKEN_GAPS.matcher(moved).replaceAll("\"gaps\":[]"));
                update.setString(2, row[0]);
                update.setInt(3, Integer.parseInt(row[1]));
                update.executeUpdate();
            }
        }
    }

    /** The plans of the queries Axon's JDBC store runs most, against the full store. */
    private void printPlans() throws SQLException {
        String aggregate = "bulk-%";
        try (Connection connection = ledgerDatabase.connect(); var statement = connection.createStatement()) {
            String someStream;
            try (var row = statement.executeQuery(
                    "SELECT aggregateidentifier FROM domainevententry WHERE globalindex = (SELECT max(globalindex) / 2 "
                            + "FROM domainevententry)")) {
                someStream = row.next() ? row.getString(1) : aggregate;
            }
            long middle = count("SELECT max(globalindex) / 2 FROM domainevententry");
            out.println("Query plans with the full store:");
            plan(statement, "load a stream", "SELECT * FROM domainevententry WHERE aggregateidentifier = '"
                    + someStream + "' AND sequencenumber >= 900 ORDER BY sequencenumber ASC");
            plan(statement, "a stream's snapshot", "SELECT * FROM snapshotevententry WHERE aggregateidentifier = '"
                    + someStream + "' ORDER BY sequencenumber DESC LIMIT 1");
            plan(statement, "a tracking processor's batch", "SELECT * FROM domainevententry WHERE globalindex > "
                    + middle + " AND globalindex <= " + (middle + 100) + " ORDER BY globalindex ASC");
            plan(statement, "the next event after a gap", "SELECT min(globalindex) FROM domainevententry "
                    + "WHERE globalindex > " + middle);
            plan(statement, "an append's uniqueness", "SELECT 1 FROM domainevententry WHERE eventidentifier = '"
                    + UUID.randomUUID() + "'");
        }
    }

    /** Prints the scans of the query's plan: each must use an index, never a sequential scan of the store. */
    private void plan(java.sql.Statement statement, String query, String sql) throws SQLException {
        List<String> scans = new ArrayList<>();
        try (var rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                String line = rows.getString(1).replaceAll("\\s+\\(cost.*", "").replaceAll("^[\\s>-]+", "");
                if (line.contains("Scan")) {
                    scans.add(line);
                }
            }
        }
        out.printf("  %-30s %s%n", query, String.join("; ", scans));
    }

    private record Rebuild(long events, Duration took) {

        double perSecond() {
            return took.isZero() ? 0 : events / (took.toNanos() / 1e9);
        }
    }

    /**
     * Empties the journal, resets its token to the start of the store and starts the ledger: the projection replays
     * the whole store. Timed from its first token write (the replay's first batch) to the token reaching the newest
     * event.
     */
    private Rebuild rebuildJournal() throws Exception {
        stack.stop(Service.LEDGER);
        long newest;
        long start;
        try (Connection connection = ledgerDatabase.connect(); var statement = connection.createStatement()) {
            statement.execute("TRUNCATE journal_lines");
            newest = count("SELECT max(globalindex) FROM domainevententry");
            start = count("SELECT min(globalindex) - 1 FROM domainevententry");
            moveTokens(connection, JOURNAL_PROCESSOR, start);
        }
        out.printf("Rebuilding the journal from %,d events ...%n", count("SELECT count(*) FROM domainevententry"));
        var firstSeen = new AtomicReference<long[]>();
        var finished = new AtomicLong();
        Thread watcher = Thread.ofPlatform().daemon().name("rebuild-watch").start(() -> {
            try (Connection connection = ledgerDatabase.connect(); var query = connection.prepareStatement(
                    "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = ?")) {
                query.setString(1, JOURNAL_PROCESSOR);
                while (true) {
                    // each segment reads the whole store: the rebuild has begun when one has moved, ended when all have
                    long furthest = -1;
                    long reached = Long.MAX_VALUE;
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            long index = rows.getString(1) == null ? -1 : DatabaseActivity.tokenIndex(rows.getString(1));
                            furthest = Math.max(furthest, index);
                            reached = Math.min(reached, index);
                        }
                    }
                    if (furthest > start && firstSeen.get() == null) {
                        firstSeen.set(new long[] {furthest, System.nanoTime()});
                    }
                    if (reached != Long.MAX_VALUE && reached >= newest) {
                        finished.set(System.nanoTime());
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (SQLException | InterruptedException e) {
                finished.set(-1);
            }
        });
        stack.start(Service.LEDGER);
        watcher.join(Duration.ofMinutes(20));
        long[] first = firstSeen.get();
        if (first == null || finished.get() <= 0) {
            throw new IllegalStateException("the journal did not catch up within 20 minutes");
        }
        long replayed = count("SELECT count(*) FROM domainevententry WHERE globalindex > " + first[0]);
        return new Rebuild(replayed, Duration.ofNanos(finished.get() - first[1]));
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = ledgerDatabase.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
