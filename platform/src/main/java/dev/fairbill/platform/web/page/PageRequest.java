package dev.fairbill.platform.web.page;

import java.util.Optional;

import dev.fairbill.platform.web.ValidationFailedException;

/**
 * Which slice of a list the client asked for ({@code ?limit=&after=}, docs/api.md). A controller method
 * declares a parameter of this type; {@code after} is the decoded position, absent on the first page.
 */
public record PageRequest(int limit, Optional<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final String LIMIT = "limit";
    static final String AFTER = "after";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationFailedException(LIMIT, "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Parses the raw query parameters, either of which may be missing or empty. */
    public static PageRequest parse(String limit, String after) {
        return new PageRequest(isBlank(limit) ? DEFAULT_LIMIT : parseLimit(limit),
                isBlank(after) ? Optional.empty() : Optional.of(Cursor.decode(after)));
    }

    /**
     * The position after which the page starts, for lists ordered by a sequence number (the cursor is that number);
     * 0 on the first page. A cursor that is not one is refused with 400.
     */
    public long afterSequence() {
        if (after.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(after.get());
        } catch (NumberFormatException notOurs) {
            throw new ValidationFailedException(AFTER, "is not a valid cursor");
        }
    }

    /** One row more than the limit: whether it comes back tells if there is a next page. */
    public int fetchSize() {
        return limit + 1;
    }

    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit.trim());
        } catch (NumberFormatException notANumber) {
            throw new ValidationFailedException(LIMIT, "must be an integer between 1 and " + MAX_LIMIT);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
