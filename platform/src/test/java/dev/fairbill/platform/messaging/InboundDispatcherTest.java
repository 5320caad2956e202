package dev.fairbill.platform.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** What the dispatcher decides from a record's headers alone, before any database work. */
class InboundDispatcherTest {

    private static final String HANDLED = "fairbill.test.handled.v1";

    /** No inbox and no waiting list: a record that got as far as either would fail these tests. */
    private final InboundDispatcher dispatcher = new InboundDispatcher(
            List.of(InboundHandler.of(HANDLED, String.class, data -> {
                throw new AssertionError("not to be applied here");
            })), null, null, JsonMapper.builder().build(), new SimpleMeterRegistry());

    @Test
    void aTypeWithoutAHandlerIsSkippedWithoutReadingTheRestOfTheRecord() {
        // neither an id, a source nor a parseable time: only the type is read
        ConsumerRecord<String, byte[]> record = record("fairbill.test.other.v1");
        record.headers().add(CloudEvents.TIME, "not a time".getBytes(UTF_8));

        assertThatCode(() -> dispatcher.dispatch(record)).doesNotThrowAnyException();
    }

    @Test
    void aRecordWithoutATypeOrWithABlankOneIsMalformed() {
        assertThatThrownBy(() -> dispatcher.dispatch(record(null))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> dispatcher.dispatch(record(" "))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aHandledTypeIsReadWhole() {
        ConsumerRecord<String, byte[]> record = record(HANDLED);

        assertThatThrownBy(() -> dispatcher.dispatch(record)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(CloudEvents.ID);
    }

    private static ConsumerRecord<String, byte[]> record(String type) {
        var record = new ConsumerRecord<String, byte[]>("fairbill.test.v1", 0, 0, "key", "{}".getBytes(UTF_8));
        if (type != null) {
            record.headers().add(CloudEvents.TYPE, type.getBytes(UTF_8));
        }
        return record;
    }
}
