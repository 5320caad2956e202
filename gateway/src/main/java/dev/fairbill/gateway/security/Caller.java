package dev.fairbill.gateway.security;

import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The authenticated owner of an API key: the key's id (never the key itself), its tenant, its scopes, and whether it
 * is a test-mode key.
 */
public record Caller(String keyId, String tenant, Set<Scope> scopes, boolean testMode) {

    private static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public Caller(String keyId, String tenant, Set<Scope> scopes) {
        this(keyId, tenant, scopes, false);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public void attachTo(HttpServletRequest request) {
        request.setAttribute(REQUEST_ATTRIBUTE, this);
    }

    public static Optional<Caller> of(HttpServletRequest request) {
        return Optional.ofNullable((Caller) request.getAttribute(REQUEST_ATTRIBUTE));
    }
}
