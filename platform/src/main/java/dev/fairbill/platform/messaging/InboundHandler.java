package dev.fairbill.platform.messaging;

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
}
