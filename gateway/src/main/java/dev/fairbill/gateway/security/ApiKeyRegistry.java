package dev.fairbill.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.fairbill.gateway.config.ApiKeyProperties;

/** Finds the caller that owns a presented API key by comparing SHA-256 hashes; plaintext keys are never kept. */
public final class ApiKeyRegistry {

    private final List<RegisteredKey> keys;

    public ApiKeyRegistry(List<ApiKeyProperties> configuredKeys) {
        this.keys = configuredKeys.stream()
                .map(key -> new RegisteredKey(
                        HexFormat.of().parseHex(key.sha256()),
                        new Caller(key.id(), key.tenant(), key.scopes(), key.testMode())))
                .toList();
    }

    public Optional<Caller> find(String presentedKey) {
        byte[] presentedHash = sha256(presentedKey);
        Caller found = null;
        // Every registered hash is compared, in constant time, so timing reveals neither a match nor its position.
        for (RegisteredKey key : keys) {
            if (MessageDigest.isEqual(key.sha256(), presentedHash)) {
                found = key.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private record RegisteredKey(byte[] sha256, Caller caller) {
    }
}
