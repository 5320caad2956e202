package dev.fairbill.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.ratelimit.ApiKeyRateLimiter;
import dev.fairbill.gateway.ratelimit.RateLimitDecision;
import dev.fairbill.gateway.web.ProblemType;

/**
 * Lets a request through to its route only with a known API key, within the key's rate limit, holding the scope
 * the route requires. The rate limit is checked before the scope so that a key cannot probe scopes without limit.
 */
public final class ApiKeyGuard {

    private static final String BEARER_PREFIX = "bearer ";

    private final ApiKeyRegistry registry;
    private final ApiKeyRateLimiter rateLimiter;

    public ApiKeyGuard(ApiKeyRegistry registry, ApiKeyRateLimiter rateLimiter) {
        this.registry = registry;
        this.rateLimiter = rateLimiter;
    }

    public ServerResponse admit(ServerRequest request, HandlerFunction<ServerResponse> next, Scope requiredScope)
            throws Exception {
        Optional<Caller> authenticated = bearerToken(request).flatMap(registry::find);
        if (authenticated.isEmpty()) {
            return problem(ProblemType.UNAUTHORIZED, "A valid API key is required as 'Authorization: Bearer <key>'.",
                    request, headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        Caller caller = authenticated.get();
        caller.attachTo(request.servletRequest());

        RateLimitDecision decision = rateLimiter.tryAcquire(caller.keyId());
        if (!decision.admitted()) {
            long retryAfterSeconds = wholeSecondsAtLeastOne(decision.retryAfter());
            return problem(ProblemType.RATE_LIMITED,
                    "The API key exceeded its rate limit; retry in " + retryAfterSeconds + " s.",
                    request, headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
        }

        if (!caller.has(requiredScope)) {
            return problem(ProblemType.FORBIDDEN,
                    "The API key lacks the scope " + requiredScope.value() + ".",
                    request, headers -> { });
        }
        return next.handle(request);
    }

    private static Optional<String> bearerToken(ServerRequest request) {
        List<String> authorizations = request.headers().header(HttpHeaders.AUTHORIZATION);
        if (authorizations.size() != 1) {
            return Optional.empty();
        }
        String authorization = authorizations.getFirst();
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER_PREFIX)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER_PREFIX.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static long wholeSecondsAtLeastOne(Duration duration) {
        long roundedUp = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, roundedUp);
    }

    private static ServerResponse problem(ProblemType type, String detail, ServerRequest request,
            Consumer<HttpHeaders> extraHeaders) {
        return ServerResponse.status(type.status())
                .headers(extraHeaders)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(type.detail(detail, request.path()));
    }
}
