package dev.fairbill.platform.axon.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

class StoredTypeSerializerTest {

    @Revision("2")
    record ThingHappened(String id, long amount) {
    }

    record Unnamed(String id) {
    }

    private static final String FORMER_NAME = "dev.fairbill.old.place.Events$ThingHappened";
    private final Jackson3Serializer jackson = Jackson3Serializer.builder().build();
    private final StoredTypeSerializer serializer = new StoredTypeSerializer(jackson,
            StoredTypes.of(Map.of(ThingHappened.class, "test.ThingHappened"), Map.of(FORMER_NAME, "test.ThingHappened")));

    @Test
    void aNamedTypeIsStoredUnderItsStableNameWithItsRevision() {
        SerializedObject<byte[]> stored = serializer.serialize(new ThingHappened("t1", 42), byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("test.ThingHappened");
        assertThat(stored.getType().getRevision()).isEqualTo("2");
        assertThat(serializer.typeForClass(ThingHappened.class)).isEqualTo(new SimpleSerializedType(
                "test.ThingHappened", "2"));
        assertThat(serializer.<byte[], ThingHappened>deserialize(stored)).isEqualTo(new ThingHappened("t1", 42));
    }

    @Test
    void whatWasStoredUnderTheClassNameOrAFormerClassNameStillReads() {
        byte[] data = jackson.serialize(new ThingHappened("t1", 42), byte[].class).getData();

        for (String storedName : new String[] {ThingHappened.class.getName(), FORMER_NAME, "test.ThingHappened"}) {
            var stored = new SimpleSerializedObject<>(data, byte[].class, storedName, "2");
            assertThat(serializer.<byte[], ThingHappened>deserialize(stored)).as(storedName)
                    .isEqualTo(new ThingHappened("t1", 42));
            assertThat(serializer.classForType(stored.getType())).as(storedName).isEqualTo(ThingHappened.class);
        }
    }

    @Test
    void aTypeWithoutAStableNameIsStoredUnderItsClassNameAsBefore() {
        SerializedObject<byte[]> stored = serializer.serialize(new Unnamed("u1"), byte[].class);

        assertThat(stored.getType().getName()).isEqualTo(Unnamed.class.getName());
        assertThat(serializer.<byte[], Unnamed>deserialize(stored)).isEqualTo(new Unnamed("u1"));
        assertThat(serializer.classForType(new SimpleSerializedType("test.NoSuchThing", null)))
                .isEqualTo(UnknownSerializedType.class);
    }

    @Test
    void namesAreUniqueWellFormedAndTheHistoryNamesOnlyKnownOnes() {
        assertThatThrownBy(() -> StoredTypes.of(Map.of(ThingHappened.class, "test.Same", Unnamed.class, "test.Same"),
                Map.of())).hasMessageContaining("Two stored types share the name test.Same");
        assertThatThrownBy(() -> StoredTypes.of(Map.of(Unnamed.class, "Unnamed"), Map.of()))
                .hasMessageContaining("not of the form <service>.<Name>");
        assertThatThrownBy(() -> StoredTypes.of(Map.of(Unnamed.class, "test.Unnamed"),
                Map.of(FORMER_NAME, "test.Gone"))).hasMessageContaining("which no class is stored as");
    }
}
