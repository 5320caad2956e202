package dev.fairbill.billing.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

/**
 * Adyen's HMAC signature of a standard notification item (ADR 0008): Base64 of HMAC-SHA256, keyed with the
 * hex-decoded HMAC key, over {@code pspReference:originalReference:merchantAccountCode:merchantReference:value:
 * currency:eventCode:success} (absent fields as empty strings), compared in constant time.
 */
public final class AdyenHmacVerifier {

    public void verify(JsonNode item, String hexKey) {
        byte[] expected = sign(signingString(item), hexKey);
        byte[] received;
        try {
            received = Base64.getDecoder().decode(text(item.path("additionalData"), "hmacSignature"));
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureRejected("The hmacSignature is not Base64.");
        }
        if (received.length == 0 || !MessageDigest.isEqual(expected, received)) {
            throw new WebhookSignatureRejected("A notification item's hmacSignature does not match the HMAC key.");
        }
    }

    static String signingString(JsonNode item) {
        JsonNode amount = item.path("amount");
        return String.join(":", text(item, "pspReference"), text(item, "originalReference"),
                text(item, "merchantAccountCode"), text(item, "merchantReference"), text(amount, "value"),
                text(amount, "currency"), text(item, "eventCode"), text(item, "success"));
    }

    static byte[] sign(String signingString, String hexKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
            return mac.doFinal(signingString.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : "";
    }
}
