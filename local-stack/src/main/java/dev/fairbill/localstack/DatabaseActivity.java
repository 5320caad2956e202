package dev.fairbill.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fairbill.postgres.PostgresServer;

/**
 * What PostgreSQL itself says about one database: the server's durability settings, the work done in it
 * ({@code pg_stat_database}: commits and rows touched), and whether Axon's tracking processors have read every event.
 */
final class DatabaseActivity {

    /** Cumulative counters of one database; PostgreSQL flushes them about once a second, so deltas are approximate. */
    record Counters(long commits, long rollbacks, long inserted, long updated, long deleted, long fetched) {

        Counters minus(Counters earlier) {
            return new Counters(commits - earlier.commits, rollbacks - earlier.rollbacks, inserted - earlier.inserted,
                    updated - earlier.updated, deleted - earlier.deleted, fetched - earlier.fetched);
        }
    }

    /** The event index in a serialised tracking token (one per segment of a merged token). */
    static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private final String url;
    private final String user;
    private final String password;
    private final String database;

    DatabaseActivity(PostgresServer postgres, String database) {
        this.url = postgres.jdbcUrl(database);
        this.user = postgres.user();
        this.password = postgres.password();
        this.database = database;
    }

    /** The server version and the settings that decide what a commit costs. */
    Map<String, String> serverSettings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT name, setting FROM pg_settings WHERE name IN
                     ('server_version', 'fsync', 'synchronous_commit', 'max_connections', 'shared_buffers')
                     ORDER BY name""")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }

    /** How often one statement (as PostgreSQL normalises it) ran, and the server's time executing it in all. */
    record StatementCount(long calls, double executionMillis, String statement) {
    }

    /**
     * Starts counting this database's statements afresh; false when the server does not track statements (it needs
     * {@code pg_stat_statements} preloaded, as the local stack's embedded PostgreSQL has it).
     */
    boolean resetStatementCounts() {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException notTracked) {
            return false;
        }
    }

    /** The {@code limit} statements of this database that ran most often since the reset, most often first. */
    List<StatementCount> statementCounts(int limit) throws SQLException {
        try (Connection connection = connect(); var statement = connection.prepareStatement("""
                SELECT sum(calls), sum(total_exec_time), regexp_replace(query, '\\s+', ' ', 'g') AS statement
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                GROUP BY statement ORDER BY sum(calls) DESC LIMIT ?""")) {
            statement.setInt(1, limit);
            List<StatementCount> counts = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.add(new StatementCount(rows.getLong(1), rows.getDouble(2), rows.getString(3)));
                }
            }
            return counts;
        }
    }

    Counters counters() throws SQLException {
        try (Connection connection = connect(); var statement = connection.prepareStatement("""
                SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched
                FROM pg_stat_database WHERE datname = ?""")) {
            statement.setString(1, database);
            try (var row = statement.executeQuery()) {
                row.next();
                return new Counters(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                        row.getLong(6));
            }
        }
    }

    /**
     * Waits until every tracking processor's token has reached the newest event (the journal and the Kafka publisher
     * work through the backlog the load left) and answers how long that took; {@code null} if not within
     * {@code timeout} or when a token cannot be read.
     */
    Duration awaitTrackingProcessors(Duration timeout) throws SQLException, InterruptedException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
            Boolean caughtUp = trackingProcessorsCaughtUp();
            if (caughtUp == null) {
                return null;
            }
            if (caughtUp) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** Whether every tracking processor's token has reached the newest event; {@code null} when one is unreadable. */
    Boolean trackingProcessorsCaughtUp() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            long newest;
            try (var row = statement.executeQuery("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry")) {
                row.next();
                newest = row.getLong(1);
            }
            try (var tokens = statement.executeQuery(
                    "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE token IS NOT NULL")) {
                while (tokens.next()) {
                    long reached = tokenIndex(tokens.getString(1));
                    if (reached < 0) {
                        return null;
                    }
                    if (reached < newest) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** The highest event index a serialised tracking token has reached (its segments'), or -1 when it names none. */
    static long tokenIndex(String token) {
        Matcher index = TOKEN_INDEX.matcher(token);
        long reached = -1;
        while (index.find()) {
            reached = Math.max(reached, Long.parseLong(index.group(1)));
        }
        return reached;
    }

    /** A new connection to this database, outside any pool; the caller closes it. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
