package dev.fairbill.gateway.security;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.common.Shortcut;
import org.springframework.cloud.gateway.server.mvc.filter.SimpleFilterSupplier;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Route filters for the YAML routes: {@code RequireApiKey=<family>} and {@code RequireApiKeyScope=<scope>}.
 * Gateway server-webmvc builds YAML filters from static methods, so the {@link ApiKeyGuard} bean is looked up
 * per request; the arguments are parsed here, so a typo in a route stops startup.
 */
public final class ApiKeyFilterFunctions {

    private ApiKeyFilterFunctions() {
    }

    /** GET and HEAD need the family's read scope, every other method its write scope. */
    @Shortcut
    public static HandlerFilterFunction<ServerResponse, ServerResponse> requireApiKey(String scopeFamily) {
        ScopeFamily family = ScopeFamily.named(scopeFamily);
        return (request, next) -> guard(request).admit(request, next, family.requiredFor(request.method()));
    }

    /** The same scope whatever the method. */
    @Shortcut
    public static HandlerFilterFunction<ServerResponse, ServerResponse> requireApiKeyScope(String scope) {
        Scope required = Scope.fromValue(scope);
        return (request, next) -> guard(request).admit(request, next, required);
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
