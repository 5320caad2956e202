package dev.fairbill.gateway.security;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.web.RequestId;

/**
 * What a proxied request and its answer carry across the gateway, decided in one pass over each one's headers (the
 * gateway's proxy applies these two filters and no others, see {@code GatewayConfiguration}).
 *
 * <p>A request keeps its headers except:
 * <ul>
 * <li>hop-by-hop headers ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}, {@code TE},
 * {@code Trailer}, {@code Upgrade}, {@code Proxy-*}) and {@code Content-Length}: they describe the caller's
 * connection, and the gateway's own connection to the service sets its own;</li>
 * <li>{@code Forwarded} and {@code X-Forwarded-*}: the gateway trusts no proxy in front of it, so a client cannot
 * claim another address or host;</li>
 * <li>identity headers ({@code Authorization}, {@code X-Tenant}, {@code X-User}, {@code X-Forwarded-User},
 * {@code X-Fairbill-*}): a client's never reach a service; an authenticated caller is vouched for by a fresh
 * internal JWT instead;</li>
 * <li>{@code X-Request-Id}, replaced by the id the gateway logged the request under.</li>
 * </ul>
 * An answer keeps its headers except hop-by-hop ones and an HTTP/2 {@code :status} pseudo-header.
 */
public final class ForwardedHeaders implements RequestHttpHeadersFilter {

    private static final String FAIRBILL_PREFIX = "x-fairbill-";
    private static final String X_FORWARDED_PREFIX = "x-forwarded-";
    private static final Set<String> HOP_BY_HOP = caseInsensitive("connection", "keep-alive", "transfer-encoding",
            "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "proxy-connection",
            "x-application-context");
    private static final Set<String> NOT_FORWARDED = caseInsensitive(HOP_BY_HOP, "content-length", "forwarded",
            HttpHeaders.AUTHORIZATION, "x-tenant", "x-user", RequestId.HEADER);
    private static final Set<String> NOT_ANSWERED = caseInsensitive(HOP_BY_HOP, ":status");

    private final InternalJwtIssuer jwtIssuer;

    public ForwardedHeaders(InternalJwtIssuer jwtIssuer) {
        this.jwtIssuer = jwtIssuer;
    }

    @Override
    public HttpHeaders apply(HttpHeaders incoming, ServerRequest request) {
        HttpHeaders forwarded = copyExcept(incoming, name -> NOT_FORWARDED.contains(name)
                || startsWithIgnoringCase(name, FAIRBILL_PREFIX) || startsWithIgnoringCase(name, X_FORWARDED_PREFIX));
        String requestId = RequestId.of(request.servletRequest());
        if (requestId != null) {
            forwarded.set(RequestId.HEADER, requestId);
        }
        Caller.of(request.servletRequest())
                .ifPresent(caller -> forwarded.setBearerAuth(jwtIssuer.issueFor(caller)));
        return forwarded;
    }

    /** The filter for the service's answer. */
    public static ResponseHttpHeadersFilter answers() {
        return ForwardedHeaders::answer;
    }

    static HttpHeaders answer(HttpHeaders incoming, ServerResponse response) {
        return copyExcept(incoming, NOT_ANSWERED::contains);
    }

    private static HttpHeaders copyExcept(HttpHeaders incoming, Predicate<String> dropped) {
        HttpHeaders kept = new HttpHeaders();
        incoming.forEach((name, values) -> {
            if (!dropped.test(name)) {
                kept.addAll(name, values);
            }
        });
        return kept;
    }

    private static boolean startsWithIgnoringCase(String name, String lowerCasePrefix) {
        return name.regionMatches(true, 0, lowerCasePrefix, 0, lowerCasePrefix.length());
    }

    private static Set<String> caseInsensitive(String... names) {
        return caseInsensitive(Set.of(), names);
    }

    private static Set<String> caseInsensitive(Set<String> base, String... names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(base);
        set.addAll(Set.of(names));
        return Collections.unmodifiableSet(set);
    }
}
