package dev.fairbill.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import tools.jackson.databind.json.JsonMapper;

/**
 * Routes a received CloudEvent to the {@link InboundHandler} of its type, once, through the inbox. Types without a
 * handler are facts this service does not act on and are skipped without a trace.
 */
public class InboundDispatcher {

    private final Map<String, InboundHandler<?>> handlers;
    private final Inbox inbox;
    private final JsonMapper json;

    public InboundDispatcher(List<InboundHandler<?>> handlers, Inbox inbox, JsonMapper json) {
        this.handlers = handlers.stream().collect(Collectors.toMap(InboundHandler::type, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two handlers for message type " + a.type());
                }));
        this.inbox = inbox;
        this.json = json;
    }

    public void dispatch(ConsumerRecord<String, byte[]> record) {
        InboundMessage message = InboundMessage.from(record);
        InboundHandler<?> handler = handlers.get(message.type());
        if (handler != null) {
            inbox.receive(message, m -> apply(handler, m));
        }
    }

    private <T> void apply(InboundHandler<T> handler, InboundMessage message) {
        handler.handle(message.data(handler.dataType(), json), message);
    }
}
