package dev.fairbill.platform.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints the gateway's internal JWT for tests that call a service directly. */
public final class TestJwts {

    public static final String SECRET = "test-internal-jwt-secret-0123456789abcdef";
    public static final List<String> ALL_SCOPES = List.of("billing:read", "billing:write", "ledger:read",
            "ledger:write", "refunds:read", "refunds:write", "refunds:review");
    public static final List<String> READ_SCOPES = List.of("billing:read", "ledger:read", "refunds:read");

    /** An admin token ({@code sk_test_<tenant>}'s scopes) for {@code tenant}. */
    public static String admin(String tenant) {
        return token(tenant, ALL_SCOPES, Instant.now(), SECRET);
    }

    /** An admin token of a test-mode key, the only kind that may use test clocks. */
    public static String testMode(String tenant) {
        return token(tenant, ALL_SCOPES, Instant.now(), Instant.now().plus(Duration.ofSeconds(60)), SECRET, "test");
    }

    public static String readOnly(String tenant) {
        return token(tenant, READ_SCOPES, Instant.now(), SECRET);
    }

    public static String token(String tenant, List<String> scopes, Instant issuedAt, String secret) {
        return token(tenant, scopes, issuedAt, issuedAt.plus(Duration.ofSeconds(60)), secret);
    }

    /** @param expiresAt {@code null}: a token without {@code exp} */
    public static String token(String tenant, List<String> scopes, Instant issuedAt, Instant expiresAt,
                               String secret) {
        return token(tenant, scopes, issuedAt, expiresAt, secret, null);
    }

    /** @param mode the key's mode claim ({@code test} or {@code live}); {@code null} leaves it out (live) */
    public static String token(String tenant, List<String> scopes, Instant issuedAt, Instant expiresAt,
                               String secret, String mode) {
        var claims = new JWTClaimsSet.Builder()
                .issuer("fairbill-gateway")
                .audience("fairbill-services")
                .subject("key_" + tenant + "_test")
                .claim("tenant", tenant)
                .claim("scope", String.join(" ", scopes))
                .claim("mode", mode)
                .issueTime(Date.from(issuedAt))
                .expirationTime(expiresAt == null ? null : Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private TestJwts() {
    }
}
