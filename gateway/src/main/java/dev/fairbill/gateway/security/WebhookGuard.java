package dev.fairbill.gateway.security;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.ratelimit.RateLimitDecision;
import dev.fairbill.gateway.ratelimit.RateLimiter;

/**
 * Webhooks carry no API key: the billing service verifies their signature. Here each tenant's webhook endpoints
 * share one generous budget, and every webhook the billing service refuses (401, 400 or 404) spends its sender address's
 * budget for unauthenticated requests, so that once an address has sent too many forged or broken webhooks, its
 * next ones are answered 429 without being forwarded. Processors retry a 429 later.
 */
public final class WebhookGuard {

    private static final String UNKNOWN_TENANT = "\0unknown";

    private final Set<String> tenants;
    private final RateLimiter perTenant;
    private final RateLimiter unauthenticated;

    public WebhookGuard(Set<String> tenants, RateLimiter perTenant, RateLimiter unauthenticated) {
        this.tenants = Set.copyOf(tenants);
        this.perTenant = perTenant;
        this.unauthenticated = unauthenticated;
    }

    public ServerResponse admit(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        String address = request.servletRequest().getRemoteAddr();
        RateLimitDecision sender = unauthenticated.peek(address);
        if (!sender.admitted()) {
            return ApiKeyGuard.rateLimited(request, sender, "Too many refused webhooks from this address");
        }
        RateLimitDecision tenant = perTenant.tryAcquire(tenantOf(request.path()));
        if (!tenant.admitted()) {
            return ApiKeyGuard.rateLimited(request, tenant, "Too many webhooks for this endpoint");
        }
        ServerResponse response = next.handle(request);
        HttpStatus status = HttpStatus.resolve(response.statusCode().value());
        if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.BAD_REQUEST || status == HttpStatus.NOT_FOUND) {
            unauthenticated.tryAcquire(address);
        }
        return response;
    }

    /** The tenant of {@code /webhooks/<processor>/<tenant>}; any other tenant shares one bucket. */
    private String tenantOf(String path) {
        String[] segments = path.split("/");
        return segments.length == 4 && tenants.contains(segments[3]) ? segments[3] : UNKNOWN_TENANT;
    }
}
