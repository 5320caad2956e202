package dev.fairbill.platform.security;

import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.fairbill.platform.collect.BoundedLruMap;

/**
 * Verifies each distinct internal token once while it lives. The gateway reuses a caller's token for half its minute,
 * so most requests bring a token whose signature and claims were already checked; a repeat only has its expiry checked
 * again. Only tokens that passed every check are kept, keyed by the whole token, signature included, so a changed
 * token is never taken for a kept one. At most {@code maxTokens} are kept, the least recently used dropped first.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final Map<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> timestamps, int maxTokens) {
        this.decoder = decoder;
        this.timestamps = timestamps;
        this.verified = new BoundedLruMap<>(maxTokens);
    }

    @Override
    public Jwt decode(String token) {
        Jwt known;
        synchronized (verified) {
            known = verified.get(token);
        }
        if (known != null && !timestamps.validate(known).hasErrors()) {
            return known;
        }
        // new, or expired: the full check refuses an expired token as it would any other and keeps nothing
        Jwt decoded = decoder.decode(token);
        synchronized (verified) {
            verified.put(token, decoded);
        }
        return decoded;
    }
}
