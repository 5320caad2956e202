package dev.fairbill.platform.web.input;

import java.time.Instant;

/**
 * The bounds every request value stays within, whatever the field. Fields narrow them further with Bean Validation;
 * these hold where a field says nothing, so that no value reaches the database or the arithmetic unchecked.
 */
public final class InputLimits {

    /** The longest string any request field accepts; most fields accept far less. */
    public static final int MAX_STRING_LENGTH = 10_000;
    /** The earliest instant a request may name. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The first instant a request may no longer name. */
    public static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");
    /** The largest amount, in minor units or credits, a request may name: 10^10 (100 million euros). */
    public static final long MAX_AMOUNT = 10_000_000_000L;

    /**
     * Whether {@code value} holds a character no request value may hold: NUL and the other control characters,
     * except tab, line feed and carriage return in free text, and unpaired surrogates (not text at all).
     */
    public static boolean hasForbiddenCharacter(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isWithinTime(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END_OF_TIME);
    }

    private InputLimits() {
    }
}
