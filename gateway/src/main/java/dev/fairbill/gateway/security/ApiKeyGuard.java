package dev.fairbill.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.ratelimit.Limiter;
import dev.fairbill.gateway.ratelimit.RateLimitDecision;
import dev.fairbill.gateway.web.ProblemType;

/**
 * Lets a request through to its route only with a known API key, within the key's rate limit, holding the scope
 * the route requires. The rate limit is checked before the scope so that a key cannot probe scopes without limit.
 * A request without a valid key spends its client address's budget and is answered 429 instead of 401 once that is
 * spent, so keys cannot be guessed at speed.
 */
public final class ApiKeyGuard {

    private static final String BEARER_PREFIX = "bearer ";

    private final ApiKeyRegistry registry;
    private final Limiter rateLimiter;
    private final Limiter unauthenticated;

    public ApiKeyGuard(ApiKeyRegistry registry, Limiter rateLimiter, Limiter unauthenticated) {
        this.registry = registry;
        this.rateLimiter = rateLimiter;
        this.unauthenticated = unauthenticated;
    }

    public ServerResponse admit(ServerRequest request, HandlerFunction<ServerResponse> next,
            Function<ServerRequest, Scope> requiredScope)
            throws Exception {
        Optional<Caller> authenticated = bearerToken(request).flatMap(registry::find);
        if (authenticated.isEmpty()) {
            RateLimitDecision address = unauthenticated.tryAcquire(request.servletRequest().getRemoteAddr());
            if (!address.admitted()) {
                return rateLimited(request, address, "Too many requests without a valid API key from this address");
            }
            return problem(ProblemType.UNAUTHORIZED, "A valid API key is required as 'Authorization: Bearer <key>'.",
                    request, headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        Caller caller = authenticated.get();
        caller.attachTo(request.servletRequest());

        RateLimitDecision decision = rateLimiter.tryAcquire(caller.keyId());
        if (!decision.admitted()) {
            return rateLimited(request, decision, "The API key exceeded its rate limit");
        }

        Scope required = requiredScope.apply(request);
        if (!caller.has(required)) {
            return problem(ProblemType.FORBIDDEN,
                    "The API key lacks the scope " + required.value() + ".",
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

    /** 429 with the whole seconds until the bucket holds a token again. */
    public static ServerResponse rateLimited(ServerRequest request, RateLimitDecision decision, String what) {
        long retryAfterSeconds = wholeSecondsAtLeastOne(decision.retryAfter());
        return problem(ProblemType.RATE_LIMITED, what + "; retry in " + retryAfterSeconds + " s.",
                request, headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
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
