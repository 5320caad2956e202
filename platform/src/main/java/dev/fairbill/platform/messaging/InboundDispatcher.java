package dev.fairbill.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.fairbill.platform.testclock.TestClockAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes a received CloudEvent to the {@link InboundHandler} of its type, once, through the inbox. Types without a
 * handler are facts this service does not act on and are skipped without a trace. A message whose handler finds it
 * {@linkplain NotYetApplicableException not applicable yet} waits, and so does every later message of its topic
 * and Kafka key while one waits, so that one key's messages still take effect in the order they were sent.
 */
public class InboundDispatcher {

    private final Map<String, InboundHandler<?>> handlers;
    private final Inbox inbox;
    private final WaitingMessages waiting;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final TestClockAccounts testClocks;

    public InboundDispatcher(List<InboundHandler<?>> handlers, Inbox inbox, WaitingMessages waiting, JsonMapper json,
                             MeterRegistry meters) {
        this(handlers, inbox, waiting, json, meters, null);
    }

    /** @param testClocks a message about an account on a test clock is applied at that clock's time */
    public InboundDispatcher(List<InboundHandler<?>> handlers, Inbox inbox, WaitingMessages waiting, JsonMapper json,
                             MeterRegistry meters, TestClockAccounts testClocks) {
        this.handlers = handlers.stream().collect(Collectors.toMap(InboundHandler::type, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two handlers for message type " + a.type());
                }));
        this.inbox = inbox;
        this.waiting = waiting;
        this.json = json;
        this.meters = meters;
        this.testClocks = testClocks;
    }

    public void dispatch(ConsumerRecord<String, byte[]> record) {
        String type = InboundMessage.typeOf(record);
        if (type != null && !type.isBlank() && !handlers.containsKey(type)) {
            return;
        }
        InboundMessage message = InboundMessage.from(record);
        InboundHandler<?> handler = handlers.get(message.type());
        String key = record.key() == null ? message.id() : record.key();
        if (waiting.holds(message.topic(), key)) {
            hold(message, key, "waits behind an earlier message with the same key");
            return;
        }
        try {
            inbox.receive(message, m -> apply(handler, m));
        } catch (NotYetApplicableException notYet) {
            hold(message, key, notYet.getMessage());
        }
    }

    /**
     * Applies a waiting message through the inbox, joining the caller's transaction.
     *
     * @throws NotYetApplicableException if it still cannot be applied
     */
    void applyWaiting(InboundMessage message) {
        InboundHandler<?> handler = handlers.get(message.type());
        if (handler == null) {
            throw new IllegalStateException("no handler for message type " + message.type());
        }
        inbox.receive(message, m -> apply(handler, m));
    }

    private void hold(InboundMessage message, String key, String reason) {
        waiting.add(message, key, reason);
        meters.counter("fairbill_inbox_messages_total", "topic", message.topic(), "type", message.type(),
                "outcome", "waiting").increment();
    }

    private <T> void apply(InboundHandler<T> handler, InboundMessage message) {
        T data = message.data(handler.dataType(), json);
        if (testClocks == null || message.subject() == null) {
            handler.handle(data, message);
        } else {
            testClocks.within(message.subject(), () -> handler.handle(data, message));
        }
    }
}
