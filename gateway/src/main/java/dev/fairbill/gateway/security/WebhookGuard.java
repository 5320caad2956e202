package dev.fairbill.gateway.security;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.ratelimit.RateLimitDecision;
import dev.fairbill.gateway.ratelimit.Limiter;

/**
 * Webhooks carry no API key: the billing service verifies their signature. Here each tenant's webhook endpoints
 * share one generous budget, and every webhook the billing service refuses (401, 400 or 404) spends the budget of
 * its sender address for that tenant, so that once an address has sent too many forged or broken webhooks for a
 * tenant, its next ones for that tenant are answered 429 without being forwarded. A processor's address that sends
 * for many tenants is never held back for one tenant's wrong secret; processors retry a 429 later.
 */
public final class WebhookGuard {

    private static final String UNKNOWN_TENANT = "\0unknown";

    private final Set<String> tenants;
    private final Limiter perTenant;
    private final Limiter unauthenticated;

    public WebhookGuard(Set<String> tenants, Limiter perTenant, Limiter unauthenticated) {
        this.tenants = Set.copyOf(tenants);
        this.perTenant = perTenant;
        this.unauthenticated = unauthenticated;
    }

    public ServerResponse admit(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        String tenantKey = tenantOf(request.path());
        String sender = request.servletRequest().getRemoteAddr() + " " + tenantKey;
        RateLimitDecision refusals = unauthenticated.peek(sender);
        if (!refusals.admitted()) {
            return ApiKeyGuard.rateLimited(request, refusals, "Too many refused webhooks from this address");
        }
        RateLimitDecision tenant = perTenant.tryAcquire(tenantKey);
        if (!tenant.admitted()) {
            return ApiKeyGuard.rateLimited(request, tenant, "Too many webhooks for this endpoint");
        }
        ServerResponse response = next.handle(request);
        HttpStatus status = HttpStatus.resolve(response.statusCode().value());
        if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.BAD_REQUEST || status == HttpStatus.NOT_FOUND) {
            unauthenticated.tryAcquire(sender);
        }
        return response;
    }

    /** The tenant of {@code /webhooks/<processor>/<tenant>}; any other tenant shares one bucket. */
    private String tenantOf(String path) {
        String[] segments = path.split("/");
        return segments.length == 4 && tenants.contains(segments[3]) ? segments[3] : UNKNOWN_TENANT;
    }
}
