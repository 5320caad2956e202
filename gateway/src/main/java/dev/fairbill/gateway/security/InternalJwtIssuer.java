package dev.fairbill.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs the short-lived HS256 token that tells the services who is calling. A caller's token is reused for the first
 * half of its life, so a busy API key costs one signature per 30 s instead of one per request, and every token the
 * services receive has at least 30 s left.
 */
public final class InternalJwtIssuer {

    public static final String ISSUER = "fairbill-gateway";
    public static final String AUDIENCE = "fairbill-services";
    public static final String TENANT_CLAIM = "tenant";
    public static final String SCOPE_CLAIM = "scope";
    /** "test" for a test-mode key, the only kind whose calls may use test clocks; "live" otherwise. */
    static final String MODE_CLAIM = "mode";
    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

    static final Duration REUSED_FOR = TIME_TO_LIVE.dividedBy(2);
    /** Callers are the configured API keys; the bound only guards against a registry far larger than expected. */
    private static final int MAX_CALLERS = 10_000;
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final MACSigner signer;
    private final Clock clock;
    private final Map<Caller, Issued> issued = new ConcurrentHashMap<>();

    public InternalJwtIssuer(byte[] secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the internal JWT secret is not a valid HS256 key", e);
        }
        this.clock = clock;
    }

    public String issueFor(Caller caller) {
        Instant now = clock.instant();
        Issued current = issued.get(caller);
        if (current != null && current.reusableAt(now)) {
            return current.token();
        }
        String token = sign(caller, now);
        if (issued.size() >= MAX_CALLERS) {
            issued.clear();
        }
        issued.put(caller, new Issued(token, now));
        return token;
    }

    private String sign(Caller caller, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(caller.keyId())
                .claim(TENANT_CLAIM, caller.tenant())
                .claim(SCOPE_CLAIM, spaceSeparated(caller))
                .claim(MODE_CLAIM, caller.testMode() ? "test" : "live")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TIME_TO_LIVE)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(HEADER, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the internal JWT", e);
        }
        return jwt.serialize();
    }

    private record Issued(String token, Instant at) {

        boolean reusableAt(Instant now) {
            return !now.isBefore(at) && now.isBefore(at.plus(REUSED_FOR));
        }
    }

    private static String spaceSeparated(Caller caller) {
        return caller.scopes().stream().sorted().map(Scope::value).collect(Collectors.joining(" "));
    }
}
