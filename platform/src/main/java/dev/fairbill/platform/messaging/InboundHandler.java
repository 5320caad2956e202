package dev.fairbill.platform.messaging;

import java.util.function.Consumer;

/**
 * Applies one type of integration message (a contracts record) to this service, typically by dispatching commands.
 * Declared as beans; the {@link InboundDispatcher} runs each inside the inbox transaction, so it has exactly one
 * effect however often the message is delivered.
 *
 * @param <T> the contracts record of {@link #type()}
 */
public interface InboundHandler<T> {

    /** CloudEvents type handled, e.g. {@code fairbill.billing.account-opened.v1}. */
    String type();

    Class<T> dataType();

    void handle(T data, InboundMessage message);

    /** A handler for one message type whose effect needs only the message's data. */
    static <T> InboundHandler<T> of(String type, Class<T> dataType, Consumer<T> effect) {
        return new InboundHandler<>() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<T> dataType() {
                return dataType;
            }

            @Override
            public void handle(T data, InboundMessage message) {
                effect.accept(data);
            }
        };
    }
}
