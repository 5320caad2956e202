package dev.fairbill.billing.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Webhooks: Adyen notification items carry an HMAC signature over their key fields. */
class AdyenHmacVerifierTest {

    private static final String KEY = HexFormat.of().formatHex("whsec_test_panel".getBytes(UTF_8));
    private final JsonMapper json = JsonMapper.builder().build();
    private final AdyenHmacVerifier verifier = new AdyenHmacVerifier();

    @Test
    void signingStringFollowsAdyensFieldOrderWithEmptyFieldsKept() {
        assertThat(AdyenHmacVerifier.signingString(item())).isEqualTo(
                "8816178914587123:8516178914581234:FairbillEU::1000:EUR:NOTIFICATION_OF_CHARGEBACK:true");
    }

    @Test
    void validSignatureIsAccepted() {
        assertThatCode(() -> verifier.verify(signed(item(), KEY), KEY)).doesNotThrowAnyException();
    }

    @Test
    void signatureWithAnotherKeyIsRejected() {
        String other = HexFormat.of().formatHex("whsec_test_studio".getBytes(UTF_8));
        assertThatThrownBy(() -> verifier.verify(signed(item(), other), KEY))
                .isInstanceOf(WebhookSignatureRejected.class);
    }

    @Test
    void tamperedAmountIsRejected() {
        ObjectNode item = signed(item(), KEY);
        ((ObjectNode) item.get("amount")).put("value", 1);
        assertThatThrownBy(() -> verifier.verify(item, KEY)).isInstanceOf(WebhookSignatureRejected.class);
    }

    @Test
    void missingOrMalformedSignatureIsRejected() {
        assertThatThrownBy(() -> verifier.verify(item(), KEY)).isInstanceOf(WebhookSignatureRejected.class);
        ObjectNode garbage = item();
        garbage.putObject("additionalData").put("hmacSignature", "not base64 !");
        assertThatThrownBy(() -> verifier.verify(garbage, KEY)).isInstanceOf(WebhookSignatureRejected.class);
    }

    static ObjectNode signed(ObjectNode item, String hexKey) {
        String signature = Base64.getEncoder().encodeToString(
                AdyenHmacVerifier.sign(AdyenHmacVerifier.signingString(item), hexKey));
        ((ObjectNode) item.withObject("additionalData")).put("hmacSignature", signature);
        return item;
    }

    private ObjectNode item() {
        JsonNode node = json.readTree("""
                {"pspReference": "8816178914587123", "originalReference": "8516178914581234",
                 "merchantAccountCode": "FairbillEU", "amount": {"value": 1000, "currency": "EUR"},
                 "eventCode": "NOTIFICATION_OF_CHARGEBACK", "success": "true",
                 "eventDate": "2026-11-22T10:15:30+01:00"}""");
        return (ObjectNode) node;
    }
}
