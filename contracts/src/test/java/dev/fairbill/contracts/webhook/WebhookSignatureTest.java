package dev.fairbill.contracts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}".getBytes(StandardCharsets.UTF_8);

    private static WebhookSignature verifier(String... secrets) {
        return WebhookSignature.verifier(List.of(secrets), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aSignatureMadeWithTheSecretWithinTheToleranceIsValid() {
        String header = WebhookSignature.sign(BODY, NOW.minusSeconds(299), List.of("whsec_a"));
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(verifier("whsec_a").verify(BODY, header)).isTrue();
    }

    @Test
    void anotherSecretAnAlteredBodyOrAnOldSignatureIsNot() {
        String header = WebhookSignature.sign(BODY, NOW, List.of("whsec_a"));
        assertThat(verifier("whsec_b").verify(BODY, header)).isFalse();
        assertThat(verifier("whsec_a").verify("{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8), header))
                .isFalse();
        assertThat(verifier("whsec_a").verify(BODY, WebhookSignature.sign(BODY, NOW.minusSeconds(301),
                List.of("whsec_a")))).as("replayed too late").isFalse();
        assertThat(verifier("whsec_a").verify(BODY, WebhookSignature.sign(BODY, NOW.plusSeconds(301),
                List.of("whsec_a")))).as("from the future").isFalse();
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        String header = WebhookSignature.sign(BODY, NOW, List.of("whsec_new", "whsec_old"));
        assertThat(verifier("whsec_old").verify(BODY, header)).isTrue();
        assertThat(verifier("whsec_new").verify(BODY, header)).isTrue();
        assertThat(verifier("whsec_other").verify(BODY, header)).isFalse();
    }

    @Test
    void aMissingOrMalformedHeaderIsNotValid() {
        WebhookSignature verifier = verifier("whsec_a");
        assertThat(verifier.verify(BODY, null)).isFalse();
        assertThat(verifier.verify(BODY, "")).isFalse();
        assertThat(verifier.verify(BODY, "t=abc,v1=00")).isFalse();
        assertThat(verifier.verify(BODY, "t=" + NOW.getEpochSecond())).isFalse();
        assertThat(verifier.verify(BODY, "t=" + NOW.getEpochSecond() + ",v1=zz")).isFalse();
        assertThat(verifier.verify(BODY, "v1=" + "0".repeat(64))).isFalse();
    }
}
