package dev.fairbill.localstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the internal JWT the gateway would forward (ADR 0001: HS256, issuer {@code fairbill-gateway}, audience
 * {@code fairbill-services}, a tenant and scopes), so a local client can call a service on its own port without the
 * gateway's per-key rate limit in the way.
 */
final class InternalJwt {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    static String sign(String secret, String tenant, String scopes, Duration lifetime) {
        Instant now = Instant.now();
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("""
                {"iss":"fairbill-gateway","aud":["fairbill-services"],"sub":"local-%s","tenant":"%s",\
                "scope":"%s","iat":%d,"exp":%d}""".formatted(tenant, tenant, scopes, now.getEpochSecond(),
                now.plus(lifetime).getEpochSecond()));
        String signingInput = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(
                    mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * A benchmark client's token for the local stack: billing and ledger, read and write, for {@code tenant}. The
     * services accept tokens that live at most five minutes, as the gateway signs them: this one signs a token with
     * that lifetime and a new one a minute before it runs out, for a client that runs longer.
     */
    static Supplier<String> renewing(String tenant) {
        String secret = LocalStack.LOCAL_JWT_SECRET;
        String scopes = "billing:read billing:write ledger:read ledger:write";
        Duration lifetime = Duration.ofMinutes(5);
        Duration renewBefore = Duration.ofMinutes(1);
        return new Supplier<>() {
            private String token;
            private Instant renewAt = Instant.MIN;

            @Override
            public synchronized String get() {
                Instant now = Instant.now();
                if (!now.isBefore(renewAt)) {
                    token = sign(secret, tenant, scopes, lifetime);
                    renewAt = now.plus(lifetime).minus(renewBefore);
                }
                return token;
            }
        };
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private InternalJwt() {
    }
}
