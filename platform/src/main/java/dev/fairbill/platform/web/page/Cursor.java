package dev.fairbill.platform.web.page;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.fairbill.platform.web.ValidationFailedException;

/**
 * The opaque {@code after} cursor: a service's position in its list (say, the last id returned), base64url-encoded
 * so that clients treat it as a token rather than something to build.
 */
public final class Cursor {

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor of {@link #encode} carries; anything else is a 400 on parameter {@code after}. */
    public static String decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            throw new ValidationFailedException(PageRequest.AFTER, "is not a valid cursor");
        }
    }

    private Cursor() {
    }
}
