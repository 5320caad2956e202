package dev.fairbill.platform.axon;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Orders a processor's events per account instead of per aggregate: every event that names an account (its
 * {@code accountId}, or the {@code accountId} of a record it holds, such as a charge's terms) is handled in the
 * account's segment, in the order it was stored, so segments worked on at the same time (by threads of one replica or
 * by different replicas) never change one account, or two of its charges, at once. An event that names no account
 * keeps its aggregate's order.
 *
 * <p>The identifier is the account id's text, so every replica puts an account in the same segment.
 */
public final class ByAccount implements SequencingPolicy<EventMessage<?>> {

    /** The name processors' settings refer to it by ({@code sequencing-policy: byAccount}). */
    public static final String BEAN = "byAccount";
    private static final String COMPONENT = "accountId";
    private static final ClassValue<Optional<Path>> ACCOUNT_OF = new ClassValue<>() {
        @Override
        protected Optional<Path> computeValue(Class<?> type) {
            return path(type);
        }
    };

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object account = accountOf(event.getPayload());
        return account != null ? account : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /** The account {@code payload} names, as text, or null when it names none. */
    public static String accountOf(Object payload) {
        if (payload == null) {
            return null;
        }
        Optional<Path> path = ACCOUNT_OF.get(payload.getClass());
        if (path.isEmpty()) {
            return null;
        }
        try {
            Object holder = path.get().holder() == null ? payload : path.get().holder().invoke(payload);
            Object account = holder == null ? null : path.get().account().invoke(holder);
            return account == null ? null : text(account);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the account of " + payload.getClass().getName(), e);
        }
    }

    /** Whether events of {@code type} name their account, so that this policy orders them per account. */
    public static boolean namesAnAccount(Class<?> type) {
        return ACCOUNT_OF.get(type).isPresent();
    }

    /** An id record's single value ({@code AccountId.value()}), or the object's text. */
    private static String text(Object account) {
        RecordComponent[] components = account.getClass().getRecordComponents();
        if (components != null && components.length == 1) {
            try {
                return String.valueOf(components[0].getAccessor().invoke(account));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + account.getClass().getName(), e);
            }
        }
        return account.toString();
    }

    /** The payload's {@code accountId} component, or that of one of its record components, or none. */
    private static Optional<Path> path(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            return Optional.empty();
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            for (RecordComponent component : components) {
                if (component.getName().equals(COMPONENT)) {
                    return Optional.of(new Path(null, lookup.unreflect(component.getAccessor())));
                }
            }
            for (RecordComponent component : components) {
                RecordComponent[] nested = component.getType().getRecordComponents();
                for (RecordComponent inner : nested == null ? new RecordComponent[0] : nested) {
                    if (inner.getName().equals(COMPONENT)) {
                        return Optional.of(new Path(lookup.unreflect(component.getAccessor()),
                                lookup.unreflect(inner.getAccessor())));
                    }
                }
            }
            return Optional.empty();
        } catch (IllegalAccessException e) {
            // a record that is not public keeps its aggregate's order
            return Optional.empty();
        }
    }

    /** Where an account id is read: from the payload itself ({@code holder} null) or from one of its records. */
    private record Path(MethodHandle holder, MethodHandle account) {
    }
}
