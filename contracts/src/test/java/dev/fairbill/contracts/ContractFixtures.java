package dev.fairbill.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Round-trips an integration message through its stored JSON fixture under {@code src/test/resources/contracts/}, so
 * renaming or dropping a field (a breaking change for the consumers in other services) fails a test.
 */
public final class ContractFixtures {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static <T> void assertRoundTrip(String fixture, T message, Class<T> type) {
        JsonNode stored;
        try (InputStream in = ContractFixtures.class.getClassLoader().getResourceAsStream(fixture)) {
            assertThat(in).as("fixture %s", fixture).isNotNull();
            stored = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(JSON.readTree(JSON.writeValueAsString(message))).isEqualTo(stored);
        assertThat(JSON.treeToValue(stored, type)).isEqualTo(message);
    }

    private ContractFixtures() {
    }
}
