package dev.fairbill.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server that tests and the local stack use, resolved the same way everywhere:
 * <ol>
 *   <li>{@code FAIRBILL_JDBC_URL} (with {@code FAIRBILL_JDBC_USER}, {@code FAIRBILL_JDBC_PASSWORD}) if set;</li>
 *   <li>otherwise a Testcontainers PostgreSQL 17 when a Docker engine answers;</li>
 *   <li>otherwise an embedded PostgreSQL 17 from Maven Central's binaries.</li>
 * </ol>
 * Each caller creates its own databases on it with {@link #createDatabase(String)}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String POSTGRES_IMAGE = "postgres:17";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static PostgresServer shared;

    private final String kind;
    private final String serverUrl;
    private final String user;
    private final String password;
    private final AutoCloseable resource;

    private PostgresServer(String kind, String serverUrl, String user, String password, AutoCloseable resource) {
        this.kind = kind;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.resource = resource;
    }

    /** One server per JVM for the tests, stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-server-stop"));
        }
        return shared;
    }

    /**
     * Resolves and starts a server. {@code embeddedDataDirectory} and {@code embeddedPort} only apply to the embedded
     * server: a directory keeps its data across restarts (the local stack), {@code null} uses a throw-away one; port 0
     * picks a free port.
     */
    public static PostgresServer start(Path embeddedDataDirectory, int embeddedPort) {
        return start(embeddedDataDirectory, embeddedPort, null);
    }

    /** As {@link #start(Path, int)}, with the embedded server's own output appended to {@code embeddedLog}. */
    public static PostgresServer start(Path embeddedDataDirectory, int embeddedPort, Path embeddedLog) {
        String configured = System.getenv("FAIRBILL_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            return new PostgresServer("configured", configured,
                    envOr("FAIRBILL_JDBC_USER", "postgres"), envOr("FAIRBILL_JDBC_PASSWORD", ""), () -> { });
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            return new PostgresServer("testcontainers", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword(), container::stop);
        }
        return embedded(embeddedDataDirectory, embeddedPort, embeddedLog);
    }

    private static PostgresServer embedded(Path dataDirectory, int port, Path log) {
        try {
            var builder = EmbeddedPostgres.builder().setPort(port).setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "localhost");
            if (log != null) {
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            if (dataDirectory != null) {
                // a server that keeps its data (the local stack) may be killed and restarted: a commit must then
                // have reached the write-ahead log, as in production, so commits are synchronous again
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres postgres = builder.start();
            return new PostgresServer("embedded", postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * Whether a Docker engine answers. Testcontainers is only asked when one could be there (a socket, DOCKER_HOST or
     * a Testcontainers configuration): its probe logs a failure at length when there is none.
     */
    private static boolean dockerAvailable() {
        Path home = Path.of(System.getProperty("user.home", "/"));
        boolean couldBeThere = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(home.resolve(".docker/run/docker.sock"))
                || Files.exists(home.resolve(".testcontainers.properties"));
        if (!couldBeThere) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Creates {@code name} unless it exists, and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var result = exists.executeQuery()) {
                if (!result.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + kind + " PostgreSQL", e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        int queryStart = serverUrl.indexOf('?');
        String base = queryStart < 0 ? serverUrl : serverUrl.substring(0, queryStart);
        String query = queryStart < 0 ? "" : serverUrl.substring(queryStart);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }

    public String kind() {
        return kind;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
