package dev.fairbill.billing.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Stripe-Signature v1, 300 s tolerance, any v1 during a secret roll, other schemes ignored. */
class StripeSignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final String SECRET = "whsec_test_panel";
    private static final byte[] BODY = """
            {"id":"evt_1","type":"charge.dispute.created","data":{"object":{"id":"du_1"}}}""".getBytes(UTF_8);

    private final StripeSignatureVerifier verifier = new StripeSignatureVerifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validSignatureReturnsTheBody() {
        assertThat(verifier.verify(BODY, header(NOW, SECRET, BODY), List.of(SECRET))).isEqualTo(new String(BODY, UTF_8));
    }

    @Test
    void signatureWithAnotherSecretIsRejected() {
        assertThatThrownBy(() -> verifier.verify(BODY, header(NOW, "whsec_other", BODY), List.of(SECRET)))
                .isInstanceOf(WebhookSignatureRejected.class);
    }

    @Test
    void timestampOlderThanTheToleranceIsRejected() {
        Instant stale = NOW.minusSeconds(301);
        assertThatThrownBy(() -> verifier.verify(BODY, header(stale, SECRET, BODY), List.of(SECRET)))
                .isInstanceOf(WebhookSignatureRejected.class);
        assertThat(verifier.verify(BODY, header(NOW.minusSeconds(299), SECRET, BODY), List.of(SECRET))).isNotNull();
    }

    @Test
    void timestampFurtherAheadThanTheToleranceIsRejected() {
        Instant ahead = NOW.plusSeconds(301);
        assertThatThrownBy(() -> verifier.verify(BODY, header(ahead, SECRET, BODY), List.of(SECRET)))
                .isInstanceOf(WebhookSignatureRejected.class);
        assertThat(verifier.verify(BODY, header(NOW.plusSeconds(299), SECRET, BODY), List.of(SECRET))).isNotNull();
    }

    @Test
    void timestampThatIsNotAPlausibleNumberIsRejected() {
        for (String t : List.of("9223372036854775808", "-1", "1e9", "", "abc")) {
            assertThatThrownBy(() -> verifier.verify(BODY, "t=" + t + ",v1=" + hmac(SECRET, 0, BODY),
                    List.of(SECRET))).isInstanceOf(WebhookSignatureRejected.class);
        }
    }

    @Test
    void tamperedBodyIsRejected() {
        byte[] tampered = new String(BODY, UTF_8).replace("du_1", "du_2").getBytes(UTF_8);
        assertThatThrownBy(() -> verifier.verify(tampered, header(NOW, SECRET, BODY), List.of(SECRET)))
                .isInstanceOf(WebhookSignatureRejected.class);
    }

    @Test
    void anyV1MatchesDuringASecretRoll() {
        long t = NOW.getEpochSecond();
        String rolled = "t=" + t + ",v1=" + hmac("whsec_old", t, BODY) + ",v1=" + hmac("whsec_new", t, BODY);
        assertThat(verifier.verify(BODY, rolled, List.of("whsec_new"))).isNotNull();
        assertThat(verifier.verify(BODY, rolled, List.of("whsec_old"))).isNotNull();
        String single = "t=" + t + ",v1=" + hmac("whsec_new", t, BODY);
        assertThat(verifier.verify(BODY, single, List.of("whsec_old", "whsec_new"))).isNotNull();
    }

    @Test
    void otherSchemesAreIgnored() {
        long t = NOW.getEpochSecond();
        String onlyV0 = "t=" + t + ",v0=" + hmac(SECRET, t, BODY);
        assertThatThrownBy(() -> verifier.verify(BODY, onlyV0, List.of(SECRET)))
                .isInstanceOf(WebhookSignatureRejected.class);
        String withV0 = "t=" + t + ",v0=deadbeef,v1=" + hmac(SECRET, t, BODY);
        assertThat(verifier.verify(BODY, withV0, List.of(SECRET))).isNotNull();
    }

    @Test
    void missingHeaderIsRejected() {
        assertThatThrownBy(() -> verifier.verify(BODY, null, List.of(SECRET)))
                .isInstanceOf(WebhookSignatureRejected.class);
    }

    @Test
    void bodyThatIsNotUtf8IsUnreadable() {
        byte[] latin1 = {'{', (byte) 0xE9, '}'};
        assertThatThrownBy(() -> verifier.verify(latin1, header(NOW, SECRET, latin1), List.of(SECRET)))
                .isInstanceOf(UnreadableWebhook.class);
    }

    static String header(Instant at, String secret, byte[] body) {
        return "t=" + at.getEpochSecond() + ",v1=" + hmac(secret, at.getEpochSecond(), body);
    }

    static String hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
