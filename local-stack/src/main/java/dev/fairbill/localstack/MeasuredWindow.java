package dev.fairbill.localstack;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the clock, the machine's CPU ticks, the CPU time of each part of the run and optionally one database's
 * counters when a load's measured phase starts and ends, so the report can say what one operation costs.
 */
final class MeasuredWindow implements ClosedLoopLoad.Observer {

    private record Reading(long nanos, Optional<long[]> machineTicks, Map<String, Duration> cpu,
                           DatabaseActivity.Counters counters) {
    }

    private static final int STATEMENTS_SHOWN = 15;

    private final CpuTime cpu;
    private final DatabaseActivity database;
    private Reading start;
    private Reading end;
    private boolean statementsCounted;
    private List<DatabaseActivity.StatementCount> statements = List.of();

    /** {@code database} may be null: then only time is read. */
    MeasuredWindow(CpuTime cpu, DatabaseActivity database) {
        this.cpu = cpu;
        this.database = database;
    }

    @Override
    public void measuredPhaseStarted() {
        statementsCounted = database != null && database.resetStatementCounts();
        start = read();
    }

    @Override
    public void measuredPhaseEnded() {
        end = read();
        if (statementsCounted) {
            try {
                statements = database.statementCounts(STATEMENTS_SHOWN);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read pg_stat_statements", e);
            }
        }
    }

    /** The statements the database ran most often during the measured phase; empty when it does not count them. */
    List<DatabaseActivity.StatementCount> statements() {
        return statements;
    }

    Duration elapsed() {
        return Duration.ofNanos(end.nanos() - start.nanos());
    }

    /** CPU time each part used during the measured phase. */
    Map<String, Duration> cpuUsed() {
        return CpuTime.between(start.cpu(), end.cpu());
    }

    /** How busy the whole machine was (0 to 1), by anyone; empty where the OS does not say. */
    OptionalDouble machineBusy() {
        if (start.machineTicks().isEmpty() || end.machineTicks().isEmpty()) {
            return OptionalDouble.empty();
        }
        long busy = end.machineTicks().get()[0] - start.machineTicks().get()[0];
        long total = end.machineTicks().get()[1] - start.machineTicks().get()[1];
        return total <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) busy / total);
    }

    /** The database's work during the measured phase. */
    DatabaseActivity.Counters databaseWork() {
        return end.counters().minus(start.counters());
    }

    private Reading read() {
        try {
            return new Reading(System.nanoTime(), CpuTime.machineTicks(), cpu.read(),
                    database == null ? null : database.counters());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database", e);
        }
    }
}
