package dev.fairbill.platform.web.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A request that carries an Idempotency-Key, reduced to what decides whether a retry is the same request. */
record IdempotentRequest(String tenant, String key, String method, String path, byte[] hash) {

    static IdempotentRequest of(String tenant, String key, String method, String path, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        // a newline cannot occur in a method or a path, so the three parts cannot run into each other
        sha256.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        return new IdempotentRequest(tenant, key, method, path, sha256.digest(body));
    }
}
