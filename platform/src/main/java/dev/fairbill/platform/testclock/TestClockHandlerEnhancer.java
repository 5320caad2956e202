package dev.fairbill.platform.testclock;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.eventsourcing.EventSourcingHandler;

import dev.fairbill.platform.axon.ByAccount;

/**
 * Runs the handlers of an {@link OnTestClock} aggregate or saga at its account's test-clock time when the account is
 * on one: what they record is stamped with that time, and the deadlines they set wait for that clock. Replaying an
 * aggregate's events is left alone.
 */
public final class TestClockHandlerEnhancer implements HandlerEnhancerDefinition {

    private final Supplier<TestClockAccounts> accounts;

    public TestClockHandlerEnhancer(Supplier<TestClockAccounts> accounts) {
        this.accounts = accounts;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!OnTestClock.class.isAssignableFrom(original.declaringClass())
                || original.hasAnnotation(EventSourcingHandler.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (TestTime.current() != null) {
                    return super.handle(message, target);
                }
                String account = target instanceof OnTestClock on ? on.testClockAccount() : OnTestClock.FROM_MESSAGE;
                if (OnTestClock.FROM_MESSAGE.equals(account)) {
                    account = ByAccount.accountOf(message.getPayload());
                }
                Optional<Instant> now = account == null ? Optional.empty() : accounts.get().nowOf(account);
                if (now.isEmpty()) {
                    return super.handle(message, target);
                }
                try {
                    return TestTime.at(account, now.get(), () -> {
                        try {
                            return super.handle(message, target);
                        } catch (Exception e) {
                            throw new Wrapped(e);
                        }
                    });
                } catch (Wrapped wrapped) {
                    throw wrapped.cause;
                }
            }
        };
    }

    private static final class Wrapped extends RuntimeException {
        private final Exception cause;

        Wrapped(Exception cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
