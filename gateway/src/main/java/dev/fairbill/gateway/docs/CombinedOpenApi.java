package dev.fairbill.gateway.docs;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.http.HttpMethod;

import dev.fairbill.gateway.security.ScopeFamily;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Combines the services' OpenAPI documents into the gateway's public one: only the paths a route takes, each with the
 * scope its API key needs and the answers the gateway itself can give (401, 403, 429, 502), the schemas the paths use
 * (a name two services use for different shapes gets its service's name in front), and the gateway's own paths.
 */
public final class CombinedOpenApi {

    static final String SECURITY_SCHEME = "apiKey";
    static final String OPENAPI_PATH = "/api/v1/openapi.json";
    static final String DOCS_PATH = "/docs";
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final PublicRoutes routes;

    public CombinedOpenApi(PublicRoutes routes) {
        this.routes = routes;
    }

    /** The public document from each service's own, given by the service's address in the routes. */
    public ObjectNode combine(Map<URI, JsonNode> services) {
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        services.forEach((service, document) -> {
            ObjectNode own = (ObjectNode) document.deepCopy();
            renameCollidingSchemas(own, schemas, prefix(routes.nameOf(service)));
            own.path("paths").properties().forEach(path -> routes.routeFor(path.getKey())
                    .filter(route -> route.service().equals(service))
                    .ifPresent(route -> paths.put(path.getKey(), publicPath(path.getKey(), path.getValue(), route))));
            own.path("components").path("schemas").properties()
                    .forEach(schema -> schemas.putIfAbsent(schema.getKey(), schema.getValue()));
        });
        paths.put(OPENAPI_PATH, openApiPath());
        paths.put(DOCS_PATH, docsPath());
        uniqueOperationIds(paths);

        ObjectNode api = NODES.objectNode();
        api.put("openapi", "3.1.0");
        api.set("info", info());
        api.set("tags", tags(paths.keySet()));
        ObjectNode pathsNode = api.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode components = api.putObject("components");
        ObjectNode schemaNode = components.putObject("schemas");
        reachable(paths.values(), schemas).forEach(name -> schemaNode.set(name, optionalMayBeNull(schemas.get(name))));
        components.putObject("securitySchemes").set(SECURITY_SCHEME, securityScheme());
        return api;
    }

    /**
     * The services write an absent value as {@code null}: a property a schema does not require may be null. The
     * services' documents leave that out; the public one says it.
     */
    static JsonNode optionalMayBeNull(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return schema;
        }
        JsonNode properties = object.get("properties");
        if (properties instanceof ObjectNode named) {
            Set<String> required = new HashSet<>();
            object.path("required").values().forEach(name -> required.add(name.asString()));
            for (String name : List.copyOf(named.propertyNames())) {
                JsonNode property = optionalMayBeNull(named.get(name));
                named.set(name, required.contains(name) ? property : nullable(property));
            }
        }
        JsonNode items = object.get("items");
        if (items != null) {
            object.set("items", optionalMayBeNull(items));
        }
        return object;
    }

    private static JsonNode nullable(JsonNode property) {
        if (!(property instanceof ObjectNode object)) {
            return property;
        }
        JsonNode type = object.get("type");
        if (type != null && type.isString()) {
            object.set("type", NODES.arrayNode().add(type.asString()).add("null"));
            if (object.get("enum") instanceof ArrayNode values) {
                values.addNull();
            }
            return object;
        }
        if (type instanceof ArrayNode types) {
            if (types.valueStream().noneMatch(t -> t.asString().equals("null"))) {
                types.add("null");
            }
            return object;
        }
        ObjectNode either = NODES.objectNode();
        JsonNode description = object.remove("description");
        if (description != null) {
            either.set("description", description);
        }
        either.putArray("anyOf").add(object).addObject().put("type", "null");
        return either;
    }

    /** Schemas of {@code own} whose names are taken by a different shape get the service's name in front. */
    private static void renameCollidingSchemas(ObjectNode own, Map<String, JsonNode> taken, String prefix) {
        Map<String, String> renames = new HashMap<>();
        own.path("components").path("schemas").properties().forEach(schema -> {
            JsonNode existing = taken.get(schema.getKey());
            if (existing != null && !existing.equals(schema.getValue())) {
                renames.put(SCHEMA_REF + schema.getKey(), SCHEMA_REF + prefix + schema.getKey());
            }
        });
        if (renames.isEmpty()) {
            return;
        }
        rewriteRefs(own, renames);
        ObjectNode schemas = (ObjectNode) own.path("components").path("schemas");
        Map<String, JsonNode> renamed = new LinkedHashMap<>();
        schemas.properties().forEach(schema -> renamed.put(
                renames.getOrDefault(SCHEMA_REF + schema.getKey(), SCHEMA_REF + schema.getKey())
                        .substring(SCHEMA_REF.length()), schema.getValue()));
        schemas.removeAll();
        renamed.forEach(schemas::set);
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && renames.containsKey(ref.asString())) {
                object.put("$ref", renames.get(ref.asString()));
            }
            object.values().forEach(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static String prefix(String serviceName) {
        String name = serviceName.replaceAll("[^A-Za-z0-9]", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A service's path as the gateway serves it: tagged, with its scope and the gateway's own answers. */
    private static JsonNode publicPath(String path, JsonNode item, PublicRoutes.Route route) {
        ObjectNode publicItem = (ObjectNode) item.deepCopy();
        publicItem.properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            ObjectNode operation = (ObjectNode) entry.getValue();
            operation.set("tags", NODES.arrayNode().add(tag(path)));
            JsonNode summary = operation.get("summary");
            if (summary != null && summary.isString()) {
                // a sentence of the handler's documentation, on one line
                operation.put("summary", summary.asString().replaceAll("\\s+", " ").trim());
            }
            ObjectNode responses = (ObjectNode) operation.get("responses");
            ArrayNode security = operation.putArray("security");
            if (route.family().isPresent()) {
                ScopeFamily family = route.family().get();
                String scope = family.requiredFor(HttpMethod.valueOf(entry.getKey().toUpperCase(Locale.ROOT)),
                        PublicRoutes.concrete(path)).value();
                security.addObject().putArray(SECURITY_SCHEME).add(scope);
                operation.put("description", description(operation) + "Needs the scope `" + scope + "`.");
                responses.set("401", problem("No API key, or one that is not valid"));
                responses.set("403", problem("The API key lacks the scope `" + scope + "`"));
            }
            responses.set("429", rateLimited());
            responses.set("502", problem("The service behind the gateway could not be reached"));
            sortProperties(responses);
        });
        return publicItem;
    }

    private static String description(ObjectNode operation) {
        JsonNode existing = operation.get("description");
        return existing == null || existing.asString().isBlank() ? "" : existing.asString() + "\n\n";
    }

    private static JsonNode openApiPath() {
        ObjectNode item = documentationPath("openApi", "This document: the whole public API in OpenAPI 3.1",
                "The document", "application/json", "object");
        ((ObjectNode) item.get("get").get("responses")).set("503",
                problem("A service's part of the document could not be read yet; retry"));
        return item;
    }

    private static JsonNode docsPath() {
        return documentationPath("docs", "Swagger UI over this document", "The page", "text/html", "string");
    }

    /** A GET of the gateway's own that needs no key and answers 200 with {@code mediaType}. */
    private static ObjectNode documentationPath(String operationId, String summary, String answer, String mediaType,
                                               String type) {
        ObjectNode item = NODES.objectNode();
        ObjectNode get = item.putObject("get");
        get.putArray("tags").add("Documentation");
        get.put("operationId", operationId);
        get.put("summary", summary);
        get.putArray("security");
        ObjectNode ok = get.putObject("responses").putObject("200");
        ok.put("description", answer);
        ok.putObject("content").putObject(mediaType).putObject("schema").put("type", type);
        return item;
    }

    private static ObjectNode problem(String description) {
        ObjectNode response = NODES.objectNode();
        response.put("description", description);
        response.putObject("content").putObject(PROBLEM_MEDIA_TYPE).putObject("schema")
                .put("$ref", SCHEMA_REF + PROBLEM);
        return response;
    }

    private static ObjectNode rateLimited() {
        ObjectNode response = problem("Over the rate limit of the API key (or, without a valid key, of the "
                + "address); retry after Retry-After seconds");
        response.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait")
                .putObject("schema").put("type", "integer");
        return response;
    }

    private static void sortProperties(ObjectNode node) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        node.removeAll();
        sorted.forEach(node::set);
    }

    /** The tag of a path: its first segment after {@code /api/v1/}, as words ("Refund requests"). */
    static String tag(String path) {
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path.substring(1);
        String segment = rest.split("/")[0].replace('-', ' ');
        return Character.toUpperCase(segment.charAt(0)) + segment.substring(1);
    }

    private static ArrayNode tags(Set<String> paths) {
        ArrayNode tags = NODES.arrayNode();
        new TreeSet<>(paths.stream().map(path -> path.equals(OPENAPI_PATH) || path.equals(DOCS_PATH)
                ? "Documentation" : tag(path)).toList()).forEach(name -> tags.addObject().put("name", name));
        return tags;
    }

    /**
     * Operation ids as the services name their handlers, without springdoc's {@code _1} suffixes; a name used more than
     * once gets the last fixed segment of its path after it ({@code getAccounts}, {@code getHolds}).
     */
    private static void uniqueOperationIds(Map<String, JsonNode> paths) {
        Map<String, Integer> uses = new HashMap<>();
        paths.values().forEach(item -> operations(item).forEach(operation -> uses.merge(baseId(operation), 1,
                Integer::sum)));
        Set<String> given = new HashSet<>();
        paths.forEach((path, item) -> operations(item).forEach(operation -> {
            String base = baseId(operation);
            String id = uses.get(base) > 1 ? base + camel(lastFixedSegment(path)) : base;
            if (!given.add(id)) {
                throw new IllegalStateException("two operations would be called " + id + "; rename a handler");
            }
            operation.put("operationId", id);
        }));
    }

    private static List<ObjectNode> operations(JsonNode item) {
        return item.properties().stream().filter(entry -> METHODS.contains(entry.getKey()))
                .map(entry -> (ObjectNode) entry.getValue()).toList();
    }

    private static String lastFixedSegment(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].startsWith("{") && !segments[i].isEmpty()) {
                return segments[i];
            }
        }
        return "";
    }

    private static String camel(String segment) {
        StringBuilder camel = new StringBuilder();
        for (String word : segment.split("-")) {
            if (!word.isEmpty()) {
                camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return camel.toString();
    }

    private static String baseId(ObjectNode operation) {
        return operation.path("operationId").asString("operation").replaceFirst("_\\d+$", "");
    }

    /** The schemas the paths refer to, directly or through other schemas. */
    private static Set<String> reachable(Iterable<JsonNode> paths, Map<String, JsonNode> schemas) {
        Set<String> seen = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        paths.forEach(pending::add);
        Set<JsonNode> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (!visited.add(node)) {
                continue;
            }
            if (node instanceof ObjectNode object) {
                JsonNode ref = object.get("$ref");
                if (ref instanceof StringNode text && text.asString().startsWith(SCHEMA_REF)) {
                    String name = text.asString().substring(SCHEMA_REF.length());
                    if (seen.add(name) && schemas.containsKey(name)) {
                        pending.push(schemas.get(name));
                    }
                }
                object.values().forEach(pending::push);
            } else if (node instanceof ArrayNode array) {
                array.values().forEach(pending::push);
            }
        }
        seen.retainAll(schemas.keySet());
        return seen;
    }

    private static ObjectNode info() {
        ObjectNode info = NODES.objectNode();
        info.put("title", "Fairbill API");
        info.put("version", "v1");
        info.put("description", """
                Subscriptions, credit ledgers, refunds and disputes. Every call goes through the gateway with \
                `Authorization: Bearer <API key>`; a key belongs to one tenant and carries scopes, and an object of \
                another tenant answers 404.

                - JSON, camelCase, UTC ISO-8601 instants. Money is `{"amount": 1999, "currency": "EUR"}` in integer \
                minor units; credits are plain integers.
                - Every POST that creates something or moves money or credits takes an `Idempotency-Key`: the same \
                key with the same body answers the first response again.
                - Errors are RFC 9457 `application/problem+json`; validation errors list each field in `errors`. \
                Unknown fields in a body are refused (400).
                - Lists take `limit` (1-500, default 50) and `after` (the previous page's `nextCursor`).
                - Webhooks from payment processors carry a signature instead of an API key.""");
        return info;
    }

    private static ObjectNode securityScheme() {
        ObjectNode scheme = NODES.objectNode();
        scheme.put("type", "http");
        scheme.put("scheme", "bearer");
        scheme.put("description", "An API key. Each operation lists the scope the key needs: `<family>:read` to "
                + "read, `<family>:write` to change, `refunds:review` to approve or reject a refund case.");
        return scheme;
    }
}
