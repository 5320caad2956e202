package dev.fairbill.platform.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Makes this process's liveness visible in PostgreSQL: the process holds an advisory lock named by its random id on a
 * connection of its own, outside the pool, for as long as it runs. When the process dies, even by {@code kill -9},
 * PostgreSQL ends the session and drops the lock, so work the process had claimed (an Idempotency-Key in progress)
 * can be taken over at once instead of after a timeout. {@link #ALIVE_SQL} asks whether an owner still holds its
 * lock.
 *
 * <p>A lost connection is reopened and the same id locked again; until then the process's claims look dead, which
 * at worst lets a retry run a request a second time, and every write that matters is keyed so that this has one
 * effect.
 */
public class ProcessLiveness implements SmartLifecycle, SchedulingConfigurer {

    /** The first key of every liveness lock: the ids of Fairbill processes in this database. */
    static final int NAMESPACE = 0x46424C56;
    /** True while the process with id {@code :owner} holds its lock in this database. */
    public static final String ALIVE_SQL = """
            EXISTS (SELECT 1 FROM pg_locks l
                     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND l.classid = %d AND l.objid = CAST(%s AS oid))""";
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final int ID_ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(ProcessLiveness.class);

    private final String url;
    private final String user;
    private final String password;
    private final SecureRandom random = new SecureRandom();
    private volatile int id = random.nextInt(1, Integer.MAX_VALUE);
    private Connection session;
    private volatile boolean running;

    public ProcessLiveness(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The condition that the process named in {@code ownerColumn} is alive, for a WHERE clause. */
    public static String aliveCondition(String ownerColumn) {
        return ALIVE_SQL.formatted(NAMESPACE, ownerColumn);
    }

    /** This process's id; it holds the liveness lock of that id while it runs and its session is open. */
    public int id() {
        return id;
    }

    @Override
    public synchronized void start() {
        running = true;
        try {
            connect();
        } catch (SQLException e) {
            log.warn("Process liveness session not open yet, retrying every {}: {}", CHECK_INTERVAL, e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeSession();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early, before the web server and the event processors, so that claims are taken by a live process. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::keepAlive, CHECK_INTERVAL, CHECK_INTERVAL));
    }

    /** Reopens the session and takes the lock again when the connection was lost (a database restart). */
    synchronized void keepAlive() {
        if (!running) {
            return;
        }
        try {
            if (session != null && session.isValid((int) CHECK_INTERVAL.toSeconds())) {
                return;
            }
            closeSession();
            connect();
            log.warn("Process liveness session reopened with id {}", id);
        } catch (SQLException e) {
            log.warn("Process liveness session lost, retrying in {}: {}", CHECK_INTERVAL, e.getMessage());
        }
    }

    /** Locks this process's id in a new session; an id another session holds is replaced by a fresh one. */
    private void connect() throws SQLException {
        session = DriverManager.getConnection(url, user, password);
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            if (tryLock(id)) {
                return;
            }
            id = random.nextInt(1, Integer.MAX_VALUE);
        }
        closeSession();
        throw new SQLException("No free process liveness id after " + ID_ATTEMPTS + " attempts");
    }

    private boolean tryLock(int candidate) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, NAMESPACE);
            lock.setInt(2, candidate);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (SQLException e) {
            log.debug("Closing the process liveness session failed", e);
        }
        session = null;
    }
}
