package dev.fairbill.gateway.docs;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.cloud.gateway.server.mvc.config.FilterProperties;
import org.springframework.cloud.gateway.server.mvc.config.RouteProperties;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.fairbill.gateway.security.ScopeFamily;

/**
 * The gateway's routes as the public document sees them: which service answers a path, and which scopes it needs.
 * A route with a query predicate (the audit trail's resources that live in the ledger) only narrows another route to
 * the same path; the path is documented from the route that takes it unconditionally.
 */
public record PublicRoutes(List<Route> routes, Map<URI, String> names) {

    /** One route: its service, its path patterns, and the scope family its API keys need (none for webhooks). */
    public record Route(String id, URI service, List<PathPattern> paths, boolean conditional,
                        Optional<ScopeFamily> family) {

        boolean matches(String concretePath) {
            PathContainer path = PathContainer.parsePath(concretePath);
            return paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }

    /** The configured routes, and each service's name by its address ("billing", "ledger", "refund"). */
    public static PublicRoutes of(List<RouteProperties> configured, Map<URI, String> names) {
        return new PublicRoutes(configured.stream().map(PublicRoutes::route).toList(), Map.copyOf(names));
    }

    private static Route route(RouteProperties route) {
        List<PathPattern> paths = route.getPredicates().stream()
                .filter(predicate -> predicate.getName().equals("Path"))
                .flatMap(predicate -> predicate.getArgs().values().stream())
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::trim)
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        boolean conditional = route.getPredicates().stream().anyMatch(predicate -> !predicate.getName().equals("Path"));
        Optional<ScopeFamily> family = route.getFilters().stream()
                .filter(filter -> filter.getName().equals("RequireApiKey"))
                .map(FilterProperties::getArgs)
                .flatMap(args -> args.values().stream())
                .findFirst()
                .map(ScopeFamily::named);
        return new Route(route.getId(), route.getUri(), paths, conditional, family);
    }

    /** The route that takes an OpenAPI path ({@code /api/v1/accounts/{accountId}}) unconditionally, if any. */
    public Optional<Route> routeFor(String templatePath) {
        String concrete = concrete(templatePath);
        return routes.stream().filter(route -> !route.conditional() && route.matches(concrete)).findFirst();
    }

    /** The services the routes lead to, each once, in the order of their first route. */
    public List<URI> services() {
        return routes.stream().map(Route::service).distinct().toList();
    }

    /** A service's name, as the gateway's settings call it. */
    public String nameOf(URI service) {
        return names.getOrDefault(service, service.getHost());
    }

    /** An OpenAPI path with each template variable as a literal segment, as a request could send it. */
    public static String concrete(String templatePath) {
        return templatePath.replaceAll("\\{([^}/]+)}", "$1");
    }
}
