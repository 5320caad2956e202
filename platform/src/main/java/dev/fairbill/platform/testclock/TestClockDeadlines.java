package dev.fairbill.platform.testclock;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Advances accounts on a test clock: fires their waiting deadlines that fall before the new time one by one, in time
 * order, each at its own time and in its own transaction (which also moves the accounts' time to it), then moves the
 * accounts to the new time. A deadline a fired one sets before the new time fires in the same advance. A crash in
 * between loses nothing: a fired deadline is deleted in its handler's transaction, and advancing again goes on from
 * where it stopped.
 */
public class TestClockDeadlines {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionManager axonTransactions;
    private final Serializer serializer;
    private final ScopeAwareProvider scopes;
    private final TestClockAccounts accounts;

    public TestClockDeadlines(JdbcClient jdbc, TransactionTemplate transactions, TransactionManager axonTransactions,
                              Serializer serializer, ScopeAwareProvider scopes, TestClockAccounts accounts) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.axonTransactions = axonTransactions;
        this.serializer = serializer;
        this.scopes = scopes;
        this.accounts = accounts;
    }

    private record Waiting(long id, String accountId, Instant dueAt, String name, String scheduleId,
                           String scopeType, byte[] scopeData, String payloadType, byte[] payloadData) {
    }

    /**
     * Moves {@code accountIds} to {@code to}, firing what falls before it in time order.
     *
     * @param settled called after each fired deadline, to wait for what it set off in this service
     * @return how many deadlines fired
     */
    public int advance(List<String> accountIds, Instant to, Runnable settled) {
        int fired = 0;
        for (Optional<Waiting> next = next(accountIds, to); next.isPresent(); next = next(accountIds, to)) {
            fire(next.get(), accountIds);
            fired++;
            settled.run();
        }
        transactions.executeWithoutResult(status -> accountIds.forEach(account -> accounts.moveTo(account, to)));
        return fired;
    }

    private Optional<Waiting> next(List<String> accountIds, Instant to) {
        if (accountIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, account_id, due_at, deadline_name, schedule_id, scope_type, scope_data, payload_type,
                               payload_data
                        FROM test_clock_deadlines WHERE account_id = ANY (?) AND due_at <= ?
                        ORDER BY due_at, id LIMIT 1""")
                .params(accountIds.toArray(String[]::new), Timestamp.from(to))
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getString(8),
                        rs.getBytes(9)))
                .optional();
    }

    private void fire(Waiting deadline, List<String> accountIds) {
        Object payload = deadline.payloadType() == null ? null : serializer.deserialize(new SimpleSerializedObject<>(
                deadline.payloadData(), byte[].class, new SimpleSerializedType(deadline.payloadType(), null)));
        ScopeDescriptor scope = serializer.deserialize(new SimpleSerializedObject<>(deadline.scopeData(),
                byte[].class, new SimpleSerializedType(deadline.scopeType(), null)));
        DeadlineMessage<Object> message = new GenericDeadlineMessage<>(deadline.name(), deadline.scheduleId(),
                payload, Map.of(), deadline.dueAt());
        UnitOfWork<DeadlineMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(axonTransactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            int claimed = jdbc.sql("DELETE FROM test_clock_deadlines WHERE id = ?").param(deadline.id()).update();
            if (claimed == 0) {
                return null;
            }
            accountIds.forEach(account -> accounts.moveTo(account, deadline.dueAt()));
            return TestTime.at(deadline.accountId(), deadline.dueAt(), () -> {
                scopes.provideScopeAwareStream(scope).filter(target -> target.canResolve(scope))
                        .forEach(target -> send(target, message, scope));
                return null;
            });
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("deadline " + deadline.name() + " of account " + deadline.accountId()
                    + " due at " + deadline.dueAt() + " failed", result.exceptionResult());
        }
    }

    private static void send(ScopeAware target, DeadlineMessage<?> message, ScopeDescriptor scope) {
        try {
            target.send(message, scope);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
