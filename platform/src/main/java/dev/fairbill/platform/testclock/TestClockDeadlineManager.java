package dev.fairbill.platform.testclock;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deadline manager aggregates and sagas are given. A deadline set while working for an account on a test clock
 * ({@link TestTime}) waits in {@code test_clock_deadlines} for that clock to be advanced past it; every other deadline
 * goes to the persistent scheduler.
 */
public class TestClockDeadlineManager implements DeadlineManager {

    private final DeadlineManager scheduler;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    public TestClockDeadlineManager(DeadlineManager scheduler, JdbcClient jdbc, Serializer serializer) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The scheduler that fires the deadlines of accounts on the wall clock. */
    public DeadlineManager scheduler() {
        return scheduler;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        TestTime.Moment moment = TestTime.current();
        if (moment == null) {
            return scheduler.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        }
        String scheduleId = UUID.randomUUID().toString();
        // like Axon's own managers, on prepare commit: an aggregate created in this unit of work knows its id by then
        runOnPrepareCommitOrNow(() -> {
            SerializedObject<byte[]> scope = serializer.serialize(deadlineScope, byte[].class);
            SerializedObject<byte[]> payload = messageOrPayload == null ? null
                    : serializer.serialize(messageOrPayload, byte[].class);
            jdbc.sql("""
                            INSERT INTO test_clock_deadlines (account_id, due_at, deadline_name, schedule_id,
                                                              scope_type, scope_data, payload_type, payload_data)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(moment.accountId(), Timestamp.from(triggerDateTime), deadlineName, scheduleId,
                            scope.getType().getName(), scope.getData(),
                            payload == null ? null : payload.getType().getName(),
                            payload == null ? null : payload.getData())
                    .update();
        });
        return scheduleId;
    }

    private static void runOnPrepareCommitOrNow(Runnable task) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().phase().isBefore(UnitOfWork.Phase.PREPARE_COMMIT)) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> task.run());
        } else {
            task.run();
        }
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> jdbc.sql(
                        "DELETE FROM test_clock_deadlines WHERE deadline_name = ? AND schedule_id = ?")
                .params(deadlineName, scheduleId).update());
        scheduler.cancelSchedule(deadlineName, scheduleId);
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> jdbc.sql("DELETE FROM test_clock_deadlines WHERE deadline_name = ?")
                .param(deadlineName).update());
        scheduler.cancelAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        TestTime.Moment moment = TestTime.current();
        if (moment != null) {
            runOnPrepareCommitOrNow(() -> {
                SerializedObject<byte[]> serialized = serializer.serialize(scope, byte[].class);
                jdbc.sql("""
                                DELETE FROM test_clock_deadlines
                                WHERE account_id = ? AND deadline_name = ? AND scope_data = ?""")
                        .params(moment.accountId(), deadlineName, serialized.getData()).update();
            });
        }
        scheduler.cancelAllWithinScope(deadlineName, scope);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return scheduler.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return scheduler.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public void shutdown() {
        scheduler.shutdown();
    }
}
