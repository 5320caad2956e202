package dev.fairbill.gateway.security;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.common.Shortcut;
import org.springframework.cloud.gateway.server.mvc.filter.SimpleFilterSupplier;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Route filters for the YAML routes: {@code RequireApiKey=<family>} and {@code LimitWebhooks}.
 * Gateway server-webmvc builds YAML filters from static methods, so the guard beans are looked up per request;
 * the arguments are parsed here, so a typo in a route stops startup.
 */
public final class ApiKeyFilterFunctions {

    private ApiKeyFilterFunctions() {
    }

    /**
     * GET and HEAD need the family's read scope, every other method its write scope, and a review action its review
     * scope (decided by the path, so no route order can bypass it).
     */
    @Shortcut
    public static HandlerFilterFunction<ServerResponse, ServerResponse> requireApiKey(String scopeFamily) {
        ScopeFamily family = ScopeFamily.named(scopeFamily);
        return (request, next) -> guard(request).admit(request, next,
                admitted -> family.requiredFor(admitted.method(), admitted.path()));
    }

    /** A tenant's webhook endpoints share a generous limit; refused signatures spend the sender address's budget. */
    @Shortcut
    public static HandlerFilterFunction<ServerResponse, ServerResponse> limitWebhooks() {
        return (request, next) -> MvcUtils.getApplicationContext(request).getBean(WebhookGuard.class)
                .admit(request, next);
    }

    private static ApiKeyGuard guard(ServerRequest request) {
        return MvcUtils.getApplicationContext(request).getBean(ApiKeyGuard.class);
    }

    public static final class FilterSupplier extends SimpleFilterSupplier {

        public FilterSupplier() {
            super(ApiKeyFilterFunctions.class);
        }
    }
}
