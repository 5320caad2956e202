package dev.fairbill.platform.audit;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.input.InputLimits;

/**
 * Who made a change, as recorded in the event that made it: the API key's id and the gateway's request id, or
 * neither when the service itself acted (a purchase's credits, an expiry, a saga).
 *
 * @param keyId     the API key's id, never the key; {@code null} for the service itself
 * @param requestId the {@code X-Request-Id} of the request that made the change, if any
 */
public record Actor(String keyId, String requestId) {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final int MAX_REQUEST_ID = 128;
    private static final Actor SERVICE = new Actor(null, null);

    /** The caller of the request being handled on this thread. */
    public static Actor current() {
        return new Actor(Caller.current().keyId(), currentRequestId());
    }

    /** The service itself, acting on a message, a deadline or a saga's step. */
    public static Actor service() {
        return SERVICE;
    }

    /** The request id the gateway assigned, if it is one: at most 128 characters, none of them control characters. */
    private static String currentRequestId() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        String id = attributes.getRequest().getHeader(REQUEST_ID_HEADER);
        return id == null || id.isBlank() || id.length() > MAX_REQUEST_ID || InputLimits.hasForbiddenCharacter(id)
                ? null : id;
    }
}
