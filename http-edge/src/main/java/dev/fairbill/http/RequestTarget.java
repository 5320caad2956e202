package dev.fairbill.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The path and query of a request as the application sees them once decoded, checked before they are used. */
final class RequestTarget {

    /**
     * What is wrong with the raw path or query, if anything: a malformed percent-escape, bytes that are not UTF-8, or a
     * control character (an encoded NUL reaches the database as text otherwise).
     */
    static Optional<String> problem(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return Optional.of("a malformed percent-escape");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f || Character.isISOControl(c)) {
                return Optional.of("a character that must be percent-encoded");
            } else {
                bytes.write(c);
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
            return decoded.chars().anyMatch(Character::isISOControl)
                    ? Optional.of("a control character") : Optional.empty();
        } catch (CharacterCodingException notUtf8) {
            return Optional.of("bytes that are not UTF-8");
        }
    }

    private RequestTarget() {
    }
}
