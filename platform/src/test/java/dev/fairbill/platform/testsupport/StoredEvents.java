package dev.fairbill.platform.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import tools.jackson.databind.json.JsonMapper;

/** Events as a store holds them: an earlier revision's payload read back through an upcaster, and what is written. */
public final class StoredEvents {

    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder().build();

    private StoredEvents() {
    }

    /**
     * The event stored as {@code json} under {@code typeName} at {@code revision}, upcast to {@code toRevision} and
     * read as {@code type}.
     */
    public static <T> T readThrough(EventUpcaster upcaster, String typeName, String revision, String json,
                                    String toRevision, Class<T> type) {
        var entry = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0, "event-1",
                Instant.parse("2026-11-01T00:00:00Z"), typeName, revision, json.getBytes(UTF_8),
                "{}".getBytes(UTF_8));
        IntermediateEventRepresentation upcast = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo(toRevision);
        SerializedObject<byte[]> data = upcast.getData(byte[].class);
        return SERIALIZER.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, type.getName(),
                toRevision));
    }

    /** The top-level fields {@code event} is written with. */
    public static Set<String> writtenFields(Object event) {
        SerializedObject<byte[]> written = SERIALIZER.serialize(event, byte[].class);
        return Set.copyOf(JsonMapper.builder().build().readTree(written.getData()).propertyNames());
    }
}
