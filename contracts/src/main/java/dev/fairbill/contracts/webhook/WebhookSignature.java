package dev.fairbill.contracts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Fairbill-Signature} header of the events Fairbill sends to a merchant's webhook endpoint, made and checked
 * with the JDK alone: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the endpoint's secret>}. While a
 * rotated secret is still valid the header carries one {@code v1} per secret.
 *
 * <p>A receiver keeps the endpoint's secret ({@code whsec_...}, shown once when the endpoint was created or its secret
 * rotated) and checks each request over the raw body, before parsing it:
 * <pre>{@code
 * var verifier = WebhookSignature.verifier(secret);           // tolerance 5 minutes
 * if (!verifier.verify(rawBody, request.getHeader(WebhookSignature.HEADER))) {
 *     return 400;                                              // not from Fairbill, or replayed too late
 * }
 * }</pre>
 */
public final class WebhookSignature {

    public static final String HEADER = "Fairbill-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";

    private final List<byte[]> secrets;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookSignature(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(secret -> secret == null || secret.isBlank())) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.secrets = secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** A verifier for an endpoint's secret, accepting signatures made within five minutes of now. */
    public static WebhookSignature verifier(String secret) {
        return new WebhookSignature(List.of(secret), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** A verifier that accepts any of {@code secrets} (during a rotation), within {@code tolerance} of {@code clock}. */
    public static WebhookSignature verifier(List<String> secrets, Duration tolerance, Clock clock) {
        return new WebhookSignature(secrets, tolerance, clock);
    }

    /** The header for {@code body} signed at {@code at} with each of {@code secrets}, as Fairbill sends it. */
    public static String sign(byte[] body, Instant at, List<String> secrets) {
        long t = at.getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8),
                    t, body)));
        }
        return header.toString();
    }

    /**
     * Whether {@code header} signs {@code body} with one of this verifier's secrets, at a time within the tolerance
     * of now. A missing or malformed header is not valid.
     */
    public boolean verify(byte[] body, String header) {
        if (header == null || header.length() > 4096) {
            return false;
        }
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            if (pair[0].equals("t")) {
                try {
                    t = Long.parseLong(pair[1]);
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            } else if (pair[0].equals("v1")) {
                try {
                    signatures.add(HexFormat.of().parseHex(pair[1]));
                } catch (IllegalArgumentException notHex) {
                    return false;
                }
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        Duration age = Duration.between(Instant.ofEpochSecond(t), clock.instant()).abs();
        if (age.compareTo(tolerance) > 0) {
            return false;
        }
        for (byte[] secret : secrets) {
            byte[] expected = mac(secret, t, body);
            for (byte[] signature : signatures) {
                if (MessageDigest.isEqual(expected, signature)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] mac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
