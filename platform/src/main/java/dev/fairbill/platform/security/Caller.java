package dev.fairbill.platform.security;

import java.util.Set;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as vouched for by the gateway's internal JWT: the API key id, its tenant, its scopes, and whether
 * it is a test-mode key (the only kind that may use test clocks).
 */
public record Caller(String keyId, String tenant, Set<String> scopes, boolean testMode) {

    public static final String TENANT_CLAIM = "tenant";
    /** {@code "test"} for a test-mode key; absent or anything else is live. */
    public static final String MODE_CLAIM = "mode";
    public static final String TEST_MODE = "test";

    public Caller(String keyId, String tenant, Set<String> scopes) {
        this(keyId, tenant, scopes, false);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** The authenticated caller of the current request; fails if the request was not authenticated. */
    public static Caller current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromJwt(token.getToken());
        }
        throw new IllegalStateException("no authenticated caller on this thread");
    }

    static Caller fromJwt(Jwt jwt) {
        String scope = jwt.getClaimAsString("scope");
        Set<String> scopes = scope == null || scope.isBlank() ? Set.of() : Set.of(scope.trim().split("\\s+"));
        return new Caller(jwt.getSubject(), jwt.getClaimAsString(TENANT_CLAIM), scopes,
                TEST_MODE.equals(jwt.getClaimAsString(MODE_CLAIM)));
    }
}
