package dev.fairbill.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.billing.AccountOpenedV1;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every integration message round-trips through its stored JSON fixture, so renaming or dropping a field (a breaking
 * change for the consumers in other services) fails here.
 */
class ContractJsonTest {

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void accountOpenedMatchesItsStoredFixture() throws IOException {
        var message = new AccountOpenedV1("acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "panel", "RESELLER", null,
                Instant.parse("2026-11-22T10:15:30Z"));

        assertRoundTrip("contracts/billing/account-opened.v1.json", message, AccountOpenedV1.class);
    }

    private <T> void assertRoundTrip(String fixture, T message, Class<T> type) throws IOException {
        JsonNode stored;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(fixture)) {
            assertThat(in).as("fixture %s", fixture).isNotNull();
            stored = json.readTree(in);
        }
        assertThat(json.readTree(json.writeValueAsString(message))).isEqualTo(stored);
        assertThat(json.treeToValue(stored, type)).isEqualTo(message);
    }
}
