package dev.fairbill.billing.domain;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

import dev.fairbill.platform.id.IdPrefix;

/**
 * The id of each charge attempt a subscription makes, derived from (subscription, period start, attempt) in the
 * canonical {@code ch_} form. A redelivered charge request therefore names the charge that already exists instead of
 * charging the customer again.
 */
public final class SubscriptionChargeIds {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 26;

    public static ChargeId of(SubscriptionId subscriptionId, Instant periodStart, int attempt) {
        byte[] digest = sha256(subscriptionId.value() + "|" + periodStart + "|" + attempt);
        BigInteger bits = new BigInteger(1, Arrays.copyOf(digest, 16));
        StringBuilder id = new StringBuilder(IdPrefix.CHARGE.prefix());
        for (int i = LENGTH - 1; i >= 0; i--) {
            id.append(CROCKFORD.charAt(bits.shiftRight(5 * i).intValue() & 31));
        }
        return ChargeId.of(id.toString());
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private SubscriptionChargeIds() {
    }
}
