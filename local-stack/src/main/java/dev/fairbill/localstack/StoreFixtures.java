package dev.fairbill.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.postgresql.PGConnection;

/**
 * Writes what today's code stores: runs the load's traffic mix on a stack of its own (a few clients for a short
 * while), lets the suite settle, and copies each service's event store, snapshots and sagas into
 * {@code <directory>/<database>/<table>.csv.gz}, in the order they were written. Tests load those files into a fresh
 * database to prove that streams written by this version still load after the code has changed.
 * Usage: {@code StoreFixtures <directory> [load options]}.
 */
public final class StoreFixtures {

    /** The tables that hold what was stored, each with the order to copy it in. */
    static final List<String[]> TABLES = List.of(
            new String[] {"domainevententry", "globalindex"},
            new String[] {"snapshotevententry", "aggregateidentifier, sequencenumber"},
            new String[] {"sagaentry", "sagaid"},
            new String[] {"associationvalueentry", "id"});

    private StoreFixtures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StoreFixtures <directory> [" + LoadBenchmark.Options.USAGE + "]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        var options = LoadBenchmark.Options.parse(List.of(args).subList(1, args.length).toArray(String[]::new));
        LoadBenchmark.runOnOwnStack("store-fixtures", EnumSet.allOf(Service.class), List.of("-Xmx512m"), stack -> {
            LoadBenchmark.run(stack, options, System.out);
            for (Service service : EnumSet.of(Service.BILLING, Service.LEDGER, Service.REFUND)) {
                copy(stack, service.database, directory.resolve(service.database));
            }
            System.out.println("Stores written to " + directory);
            return true;
        });
    }

    private static void copy(LocalStack stack, String database, Path into) throws SQLException, IOException {
        Files.createDirectories(into);
        var postgres = stack.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(),
                postgres.password())) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String[] table : TABLES) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(into.resolve(table[0]
                        + ".csv.gz")))) {
                    copy.copyOut("COPY (SELECT * FROM " + table[0] + " ORDER BY " + table[1]
                            + ") TO STDOUT WITH (FORMAT csv, HEADER true)", out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
