package dev.fairbill.gateway.security;

import java.util.Locale;
import java.util.Set;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Applies to every proxied request, whatever its route: identity headers a client sent never reach a service,
 * and an authenticated caller is vouched for by a fresh internal JWT instead. Runs last so that nothing added
 * by another header filter survives either.
 */
public final class ForwardedIdentityHeaders implements RequestHttpHeadersFilter, Ordered {

    private static final String FAIRBILL_PREFIX = "x-fairbill-";
    private static final Set<String> IDENTITY_HEADERS = Set.of(
            HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT), "x-tenant", "x-user", "x-forwarded-user");

    private final InternalJwtIssuer jwtIssuer;

    public ForwardedIdentityHeaders(InternalJwtIssuer jwtIssuer) {
        this.jwtIssuer = jwtIssuer;
    }

    @Override
    public HttpHeaders apply(HttpHeaders incoming, ServerRequest request) {
        HttpHeaders forwarded = new HttpHeaders();
        incoming.forEach((name, values) -> {
            if (!isIdentityHeader(name)) {
                forwarded.addAll(name, values);
            }
        });
        Caller.of(request.servletRequest())
                .ifPresent(caller -> forwarded.setBearerAuth(jwtIssuer.issueFor(caller)));
        return forwarded;
    }

    private static boolean isIdentityHeader(String name) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return lowerCase.startsWith(FAIRBILL_PREFIX) || IDENTITY_HEADERS.contains(lowerCase);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
