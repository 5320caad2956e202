package dev.fairbill.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/** The id that ties a request's log lines together across the gateway and the services. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";

    private static final String REQUEST_ATTRIBUTE = RequestId.class.getName();
    // A client-chosen id ends up in logs and other services' headers, so only a plain token is accepted.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {
    }

    static String assign(HttpServletRequest request) {
        String offered = request.getHeader(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ATTRIBUTE, id);
        return id;
    }

    /** The id {@code RequestLogFilter} gave this request, or null outside it. */
    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(REQUEST_ATTRIBUTE);
    }
}
