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
            if (account == null) {
                return null;
            }
            Object value = path.get().value() == null ? account : path.get().value().invoke(account);
            return String.valueOf(value);
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
                    return Optional.of(new Path(null, lookup.unreflect(component.getAccessor()),
                            value(lookup, component.getType())));
                }
            }
            for (RecordComponent component : components) {
                RecordComponent[] nested = component.getType().getRecordComponents();
                for (RecordComponent inner : nested == null ? new RecordComponent[0] : nested) {
                    if (inner.getName().equals(COMPONENT)) {
                        return Optional.of(new Path(lookup.unreflect(component.getAccessor()),
                                lookup.unreflect(inner.getAccessor()), value(lookup, inner.getType())));
                    }
                }
            }
            return Optional.empty();
        } catch (IllegalAccessException e) {
            // a record that is not public keeps its aggregate's order
            return Optional.empty();
        }
    }

    /**
     * The single value of an id record ({@code AccountId.value()}), so the identifier is the id's text; null for any
     * other type, whose text is taken as it is.
     */
    private static MethodHandle value(MethodHandles.Lookup lookup, Class<?> id) throws IllegalAccessException {
        RecordComponent[] components = id.getRecordComponents();
        return components != null && components.length == 1 ? lookup.unreflect(components[0].getAccessor()) : null;
    }

    /**
     * Where an account id is read: from the payload itself ({@code holder} null) or from one of its records, then its
     * text from the id's single value ({@code value}, or the id itself when null). Resolved once per event type.
     */
    private record Path(MethodHandle holder, MethodHandle account, MethodHandle value) {
    }
}
