package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks answers against the public OpenAPI document: the status is one the operation documents, the content type
 * one it documents for that status, and the body valid against the documented schema, where no object may carry a
 * property the schema does not name. Remembers which operations were called, to tell which never were.
 */
final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final JsonNode api;
    private final JsonNode closedComponents;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Set<String> called = ConcurrentHashMap.newKeySet();

    OpenApiContract(JsonNode api) {
        this.api = api;
        ObjectNode components = (ObjectNode) api.get("components").deepCopy();
        components.get("schemas").values().forEach(OpenApiContract::close);
        this.closedComponents = components;
    }

    /** Every documented operation, as {@code "GET /api/v1/accounts/{accountId}"}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        api.get("paths").properties().forEach(path -> path.getValue().propertyNames().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    Set<String> notCalled() {
        Set<String> missing = new TreeSet<>(operations());
        missing.removeAll(called);
        return missing;
    }

    /** Checks the answer {@code response} to {@code method} on the documented path {@code template}. */
    HttpResponse<String> check(String method, String template, HttpResponse<String> response) {
        String operationName = method + " " + template;
        JsonNode operation = api.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s is documented", operationName).isFalse();
        called.add(operationName);
        String status = String.valueOf(response.statusCode());
        JsonNode documented = operation.path("responses").path(status);
        assertThat(documented.isMissingNode())
                .as("%s answered %s, which it does not document: %s", operationName, status, response.body())
                .isFalse();
        JsonNode content = documented.path("content");
        String contentType = response.headers().firstValue("Content-Type").map(type -> type.split(";")[0].trim())
                .orElse(null);
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(response.body()).as("%s %s has no documented body", operationName, status).isEmpty();
            return response;
        }
        assertThat(contentType).as("%s %s content type", operationName, status).isIn(content.propertyNames());
        if (contentType.endsWith("json")) {
            JsonNode schema = content.path(contentType).path("schema");
            List<Error> errors = validator(schema).validate(json.readTree(response.body()));
            assertThat(errors.stream().map(Error::toString).toList())
                    .as("%s %s body %s against its schema", operationName, status, response.body()).isEmpty();
        }
        return response;
    }

    /** The template paths of documented operations whose path matches {@code condition}. */
    Set<String> paths(Predicate<String> condition) {
        Set<String> paths = new TreeSet<>();
        api.get("paths").propertyNames().stream().filter(condition).forEach(paths::add);
        return paths;
    }

    private Schema validator(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode document = json.createObjectNode();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.putArray("allOf").add(schema.deepCopy());
            document.set("components", closedComponents);
            return schemas.getSchema(SchemaLocation.of("https://fairbill.dev/openapi.json"), document);
        });
    }

    /** An object schema that names its properties admits no others, so an undocumented field fails. */
    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("unevaluatedProperties", false);
            }
            object.values().forEach(OpenApiContract::close);
        } else if (schema.isArray()) {
            schema.values().forEach(OpenApiContract::close);
        }
    }
}
