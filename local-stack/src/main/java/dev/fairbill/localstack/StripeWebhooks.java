package dev.fairbill.localstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe webhook deliveries as a processor sends them to {@code /webhooks/stripe/{tenant}}: dispute events, signed. */
final class StripeWebhooks {

    /** A {@code charge.dispute.*} event about the processor's charge, evidence due in ten days. */
    static String disputeEvent(String type, String disputeId, String processorChargeId, long amount, String status) {
        Instant now = Instant.now();
        return """
                {"id": "evt_%s", "object": "event", "type": "%s", "created": %d,
                 "livemode": false, "data": {"object": {"id": "%s", "object": "dispute", "charge": "%s",
                 "amount": %d, "currency": "eur", "reason": "fraudulent", "status": "%s",
                 "evidence_details": {"due_by": %d}}}}""".formatted(UUID.randomUUID(), type, now.getEpochSecond(),
                disputeId, processorChargeId, amount, status, now.plus(Duration.ofDays(10)).getEpochSecond());
    }

    /** Stripe's v1 scheme: HMAC-SHA256 over {@code t + "." + body} with the endpoint secret, signed now. */
    static String signature(String body, String secret) {
        long t = Instant.now().getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private StripeWebhooks() {
    }
}
