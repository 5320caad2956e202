package dev.fairbill.platform.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.core.io.ClassPathResource;

/**
 * Loads a store written by an earlier version of a service (the event store, snapshots and sagas copied by the local
 * stack's {@code StoreFixtures}) into a service's database, appended after what it holds, in the order it was written.
 */
public final class StoreFixture {

    /** Each table with the columns to copy: the ones the database numbers itself are numbered again. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"domainevententry", "globalindex",
                    "aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision,"
                            + " payloadtype, timestamp"},
            new String[] {"snapshotevententry", "aggregateidentifier, sequencenumber",
                    "aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision,"
                            + " payloadtype, timestamp"},
            new String[] {"sagaentry", "sagaid", "sagaid, revision, sagatype, serializedsaga"},
            new String[] {"associationvalueentry", "id", "associationkey, associationvalue, sagaid, sagatype"});

    private StoreFixture() {
    }

    /** Loads {@code <classpathDirectory>/<table>.csv.gz} of each table into {@code database}; returns the events. */
    public static long load(DataSource database, String classpathDirectory) {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long events = 0;
            for (String[] table : TABLES) {
                String staging = "fixture_" + table[0];
                sql.execute("CREATE TEMPORARY TABLE " + staging + " (LIKE " + table[0] + ")");
                try (InputStream in = new GZIPInputStream(new ClassPathResource(classpathDirectory + "/" + table[0]
                        + ".csv.gz").getInputStream())) {
                    long rows = copy.copyIn("COPY " + staging + " FROM STDIN WITH (FORMAT csv, HEADER true)", in);
                    events += table[0].equals("domainevententry") ? rows : 0;
                }
                sql.execute("INSERT INTO " + table[0] + " (" + table[2] + ") SELECT " + table[2] + " FROM " + staging
                        + " ORDER BY " + table[1]);
                sql.execute("DROP TABLE " + staging);
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the store fixture " + classpathDirectory, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
