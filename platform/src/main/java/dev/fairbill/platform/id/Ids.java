package dev.fairbill.platform.id;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

import dev.fairbill.platform.rules.RuleViolation;

/**
 * Opaque public ids: a type prefix and 128 bits (random, or derived from a name) as 26 characters of Crockford base32
 * ({@code acct_01J9Z3K8Q4M5N6P7R8S9T0V1W2}). Only this canonical form is valid.
 */
public final class Ids {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String RADIX_32 = "0123456789abcdefghijklmnopqrstuv";
    private static final int ID_BYTES = 16;
    private static final int LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String generate(IdPrefix prefix) {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return encode(prefix, bytes);
    }

    /**
     * The id that {@code name} always maps to: the first 128 bits of its SHA-256 in the canonical form. For ids that
     * must come out the same however often they are computed, e.g. one charge per subscription period and attempt.
     */
    public static String derive(IdPrefix prefix, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return encode(prefix, Arrays.copyOf(digest, ID_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String encode(IdPrefix prefix, byte[] bits) {
        String radix32 = new BigInteger(1, bits).toString(32);
        StringBuilder id = new StringBuilder(prefix.prefix().length() + LENGTH).append(prefix.prefix());
        id.repeat('0', LENGTH - radix32.length());
        radix32.chars().forEach(digit -> id.append(CROCKFORD.charAt(RADIX_32.indexOf(digit))));
        return id.toString();
    }

    public static boolean isValid(IdPrefix prefix, String candidate) {
        if (candidate == null || !candidate.startsWith(prefix.prefix())
                || candidate.length() != prefix.prefix().length() + LENGTH) {
            return false;
        }
        String body = candidate.substring(prefix.prefix().length());
        // 26 characters hold 130 bits; a first character above 7 would need more than 128
        return body.charAt(0) <= '7' && body.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0);
    }

    /**
     * For ids taken from a URL: a malformed id or one of another type names nothing that exists, so it answers 404
     * like any unknown id.
     */
    public static String requireValid(IdPrefix prefix, String candidate) {
        if (!isValid(prefix, candidate)) {
            throw RuleViolation.notFound(prefix.noun() + " " + candidate);
        }
        return candidate;
    }

    private Ids() {
    }
}
