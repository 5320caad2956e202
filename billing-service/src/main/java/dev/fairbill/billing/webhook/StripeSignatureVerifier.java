package dev.fairbill.billing.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

/**
 * Stripe's {@code Stripe-Signature} v1 scheme through stripe-java (ADR 0008): HMAC-SHA256 over
 * {@code t + "." + body} with the endpoint secret, compared in constant time, any {@code v1} value accepted, other
 * schemes ignored, and a timestamp further than the tolerance from our clock, in either direction, refused: a
 * signed event from the future is a replay waiting to happen.
 */
public class StripeSignatureVerifier {

    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private final Clock clock;

    public StripeSignatureVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Returns the body as text once a secret verifies it. stripe-java signs text, so the body must be strict UTF-8:
     * then text and bytes correspond one to one and the signature covers exactly the bytes received.
     */
    public String verify(byte[] body, String signatureHeader, List<String> secrets) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureRejected("The Stripe-Signature header is missing.");
        }
        requireTimestampWithinTolerance(signatureHeader);
        String payload = strictUtf8(body);
        for (String secret : secrets) {
            try {
                Webhook.Signature.verifyHeader(payload, signatureHeader, secret, TOLERANCE.toSeconds(), clock);
                return payload;
            } catch (SignatureVerificationException e) {
                // try the next secret: during a roll the event is signed with each of them
            }
        }
        throw new WebhookSignatureRejected("No Stripe-Signature v1 value matches a current secret within "
                + TOLERANCE.toSeconds() + " s.");
    }

    private void requireTimestampWithinTolerance(String signatureHeader) {
        long now = clock.instant().getEpochSecond();
        for (String element : signatureHeader.split(",")) {
            String[] pair = element.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")
                    && Math.abs(now - Long.parseLong(pair[1])) <= TOLERANCE.toSeconds()) {
                return;
            }
        }
        throw new WebhookSignatureRejected("The Stripe-Signature timestamp is missing or more than "
                + TOLERANCE.toSeconds() + " s from now.");
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableWebhook("The body is not UTF-8 text.");
        }
    }
}
