package dev.fairbill.platform.web.idempotency;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.ProblemResponseWriter;
import dev.fairbill.platform.web.Problems;
import dev.fairbill.platform.web.input.InputLimits;

/**
 * Idempotency-Key on POST (docs/api.md, conventions): the first request with a key runs and its response (if not a 5xx)
 * is stored; a retry with the same key and the same request gets that response again, marked
 * {@code Idempotent-Replayed: true}. Keys are per tenant, so the filter runs after Spring Security. On the paths
 * configured as {@code fairbill.idempotency.required-on} a POST without a key is refused with 400.
 *
 * <p>With {@code fairbill.idempotency.one-transaction} the claim, everything the request does in the database and its
 * stored answer commit together, in one transaction: a retry of a request still running waits for it and replays its
 * answer, and no answer claims a success that did not commit. Only for services whose requests do nothing but
 * database work, all on the request's thread (a call to another system would hold the transaction open).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String ASYNC_ATTEMPT = IdempotencyFilter.class.getName() + ".attempt";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeyStore store;
    private final ProblemResponseWriter problems;
    private final List<PathPattern> requiredOn;
    /** Null unless claim, work and answer share one transaction. */
    private final TransactionTemplate oneTransaction;

    public IdempotencyFilter(IdempotencyKeyStore store, ProblemResponseWriter problems, List<String> requiredOn) {
        this(store, problems, requiredOn, null);
    }

    /** @param oneTransaction the transaction the claim, the request's work and its stored answer share, or null */
    public IdempotencyFilter(IdempotencyKeyStore store, ProblemResponseWriter problems, List<String> requiredOn,
                             TransactionTemplate oneTransaction) {
        this.store = store;
        this.problems = problems;
        this.requiredOn = requiredOn.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.oneTransaction = oneTransaction;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod())
                || request.getHeader(IDEMPOTENCY_KEY) == null && !keyRequired(request);
    }

    private boolean keyRequired(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return requiredOn.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** A controller returning a future finishes in an async dispatch; only then is the response known. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            resumeAfterAsync(request, response, chain);
            return;
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            problems.write(response, Problems.problem(HttpStatus.BAD_REQUEST, "idempotency-key-required",
                    "Idempotency-Key required", "This request takes or pays money or grants value: send an "
                            + "Idempotency-Key, and the same key again when you retry it, so that it happens once"));
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || InputLimits.hasForbiddenCharacter(key)) {
            problems.write(response, Problems.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Invalid Idempotency-Key", "An Idempotency-Key has 1 to " + MAX_KEY_LENGTH
                            + " characters and no control characters"));
            return;
        }
        Optional<String> tenant = authenticatedTenant();
        if (tenant.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var buffered = new BufferedBodyRequest(request);
        var idempotent = IdempotentRequest.of(tenant.get(), key, request.getMethod(), request.getRequestURI(),
                buffered.body());
        if (oneTransaction != null) {
            executeInOneTransaction(idempotent, buffered, response, chain);
            return;
        }
        Claim claim = store.claim(idempotent);
        if (claim instanceof Claim.Claimed claimed) {
            request.setAttribute(IdempotentCreation.REQUEST, idempotent);
            var recorded = new ContentCachingResponseWrapper(response);
            execute(claimed.attempt(), buffered, recorded, recorded, chain);
        } else {
            answer(claim, response);
        }
    }

    private void answer(Claim claim, HttpServletResponse response) throws IOException {
        switch (claim) {
            case Claim.Claimed claimed -> throw new IllegalStateException("a claimed request is executed");
            case Claim.Replay replay -> replay(replay.response(), response);
            case Claim.KeyReused reused -> problems.write(response, Problems.problem(
                    HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request"));
            case Claim.InProgress inProgress -> problems.write(response, Problems.problem(HttpStatus.CONFLICT,
                    "idempotency-key-in-use", "Idempotency-Key in use",
                    "A request with this Idempotency-Key is still being processed; retry later"));
        }
    }

    /**
     * Claims the key, runs the request and stores its answer in one transaction. A concurrent retry's claim waits for
     * the row this one inserted, then finds the stored answer. A 5xx, an exception or an answer that cannot be stored
     * rolls all of it back; then a 4xx is still answered (nothing happened, as it says), while a success is not: the
     * failure goes on to the error handling (503 when the database was out of reach), and a retry finds out.
     */
    private void executeInOneTransaction(IdempotentRequest idempotent, HttpServletRequest request,
                                         HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var recorded = new ContentCachingResponseWrapper(response);
        var executed = new AtomicBoolean();
        Claim claim;
        try {
            claim = oneTransaction.execute(status -> {
                Claim claimed = store.claim(idempotent);
                if (claimed instanceof Claim.Claimed attempt) {
                    request.setAttribute(IdempotentCreation.REQUEST, idempotent);
                    executed.set(true);
                    ChainFailure.run(chain, request, recorded);
                    if (request.isAsyncStarted()) {
                        throw new IllegalStateException("An asynchronous request cannot share its transaction with "
                                + "its Idempotency-Key");
                    }
                    if (HttpStatusCode.valueOf(recorded.getStatus()).is5xxServerError()) {
                        status.setRollbackOnly();
                    } else {
                        store.store(attempt.attempt(), new StoredResponse(recorded.getStatus(),
                                recorded.getContentType(), recorded.getContentAsByteArray()));
                    }
                }
                return claimed;
            });
        } catch (ChainFailure failure) {
            throw failure.rethrow();
        } catch (RuntimeException notCommitted) {
            if (!executed.get() || !HttpStatusCode.valueOf(recorded.getStatus()).is4xxClientError()) {
                recorded.reset();
                throw notCommitted;
            }
            log.info("A refused request's answer could not be stored with its Idempotency-Key: status={} cause={}",
                    recorded.getStatus(), notCommitted.toString());
            recorded.copyBodyToResponse();
            return;
        }
        if (claim instanceof Claim.Claimed) {
            recorded.copyBodyToResponse();
        } else {
            answer(claim, response);
        }
    }

    /** A failure of the filter chain, carried out of the transaction callback, which cannot throw checked ones. */
    private static final class ChainFailure extends RuntimeException {

        ChainFailure(Exception cause) {
            super(cause);
        }

        static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
            try {
                chain.doFilter(request, response);
            } catch (ServletException | IOException | RuntimeException failure) {
                throw new ChainFailure(failure);
            }
        }

        ServletException rethrow() throws IOException {
            switch (getCause()) {
                case ServletException servlet -> {
                    return servlet;
                }
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                default -> throw new IllegalStateException(getCause());
            }
        }
    }

    private void resumeAfterAsync(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Attempt attempt = (Attempt) request.getAttribute(ASYNC_ATTEMPT);
        var recorded = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        if (attempt == null || recorded == null) {
            chain.doFilter(request, response);
            return;
        }
        execute(attempt, request, response, recorded, chain);
    }

    private void execute(Attempt attempt, HttpServletRequest request, HttpServletResponse response,
            ContentCachingResponseWrapper recorded, FilterChain chain) throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            store.release(attempt);
            throw failure;
        }
        if (request.isAsyncStarted()) {
            request.setAttribute(ASYNC_ATTEMPT, attempt);
            return;
        }
        try {
            if (HttpStatusCode.valueOf(recorded.getStatus()).is5xxServerError()) {
                store.release(attempt);
            } else {
                store.complete(attempt, new StoredResponse(recorded.getStatus(), recorded.getContentType(),
                        recorded.getContentAsByteArray()));
            }
        } finally {
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        response.setHeader(IDEMPOTENT_REPLAYED, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
    }

    private static Optional<String> authenticatedTenant() {
        try {
            return Optional.ofNullable(Caller.current().tenant());
        } catch (IllegalStateException unauthenticated) {
            // open routes (webhooks) have no tenant; they deduplicate by the processor's event id instead
            return Optional.empty();
        }
    }
}
