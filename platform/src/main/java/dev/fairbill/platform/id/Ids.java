package dev.fairbill.platform.id;

import java.math.BigInteger;
import java.security.SecureRandom;

import dev.fairbill.platform.web.NotFoundException;

/**
 * Opaque public ids: a type prefix and 128 random bits as 26 characters of Crockford base32
 * ({@code acct_01J9Z3K8Q4M5N6P7R8S9T0V1W2}). Only this canonical form is valid.
 */
public final class Ids {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String RADIX_32 = "0123456789abcdefghijklmnopqrstuv";
    private static final int RANDOM_BYTES = 16;
    private static final int LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String generate(IdPrefix prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        String radix32 = new BigInteger(1, bytes).toString(32);
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
            throw new NotFoundException(prefix.noun() + " " + candidate);
        }
        return candidate;
    }

    private Ids() {
    }
}
