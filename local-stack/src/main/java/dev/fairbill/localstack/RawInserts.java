package dev.fairbill.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The yardstick: single-row INSERTs into a scratch table, each its own autocommit transaction on its own connection,
 * on the same PostgreSQL server the services use. What one client can do with the database and no service in between.
 */
record RawInserts(String url, String user, String password) {

    void createTable() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_inserts");
            statement.execute("""
                    CREATE TABLE bench_inserts (
                        id         BIGSERIAL   PRIMARY KEY,
                        client     INTEGER     NOT NULL,
                        reference  TEXT        NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )""");
        }
    }

    ClosedLoopLoad.Client client(int number) {
        try {
            Connection connection = connect();
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_inserts (client, reference) VALUES (?, ?)");
            return new ClosedLoopLoad.Client() {
                private long sequence;

                @Override
                public ClosedLoopLoad.Outcome call() throws SQLException {
                    insert.setInt(1, number);
                    insert.setString(2, "insert-" + number + "-" + sequence++);
                    insert.executeUpdate();
                    return ClosedLoopLoad.Outcome.OK;
                }

                @Override
                public void close() throws SQLException {
                    connection.close();
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(true);
        return connection;
    }
}
