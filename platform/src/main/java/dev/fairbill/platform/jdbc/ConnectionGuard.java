package dev.fairbill.platform.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A pooled {@link DataSource} that notices a thread asking for a second connection while it still holds one. Under
 * concurrent load that pattern deadlocks the pool: every holder waits for a connection that only another waiting
 * holder could return, until the pool's timeout fails them all. The guard reports each such request to
 * {@code onNested}, which may throw to refuse it.
 *
 * <p>Connections taken inside a Spring transaction are the transaction's one connection and never reach the pool
 * twice, so only code that reads outside a transaction while it iterates another result can trip the guard. The
 * guard is {@link #arm armed} once the service has started: schema migration at start-up holds a lock on one
 * connection while it migrates on another, before any request or event is served.
 */
public final class ConnectionGuard extends DelegatingDataSource {

    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);
    private final Consumer<NestedConnection> onNested;
    private volatile boolean armed;

    /** What the guard saw: the thread and the number of connections it already held. */
    public record NestedConnection(String thread, int alreadyHeld) {

        public String describe() {
            return "thread " + thread + " asked for a database connection while holding " + alreadyHeld
                    + "; read children after closing the outer result, or run both in one transaction";
        }
    }

    public ConnectionGuard(DataSource pool, Consumer<NestedConnection> onNested) {
        super(pool);
        this.onNested = onNested;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(() -> obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(() -> obtainTargetDataSource().getConnection(username, password));
    }

    /** From now on, a nested request for a connection is reported. */
    public void arm() {
        armed = true;
    }

    /** Connections this thread holds now. */
    public int heldByCurrentThread() {
        return held.get()[0];
    }

    private Connection guarded(ConnectionSource source) throws SQLException {
        int[] count = held.get();
        if (armed && count[0] > 0) {
            onNested.accept(new NestedConnection(Thread.currentThread().toString(), count[0]));
        }
        Connection connection = source.get();
        count[0]++;
        return (Connection) Proxy.newProxyInstance(ConnectionGuard.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ReleaseOnClose(connection, count));
    }

    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** Counts the connection as returned when it is closed, once, on whichever thread closes it. */
    private static final class ReleaseOnClose implements InvocationHandler {

        private final Connection target;
        private final int[] count;
        private boolean closed;

        ReleaseOnClose(Connection target, int[] count) {
            this.target = target;
            this.count = count;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        count[0]--;
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                case "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                }
                default -> {
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
