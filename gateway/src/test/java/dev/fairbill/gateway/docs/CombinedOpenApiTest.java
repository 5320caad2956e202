package dev.fairbill.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.server.mvc.config.FilterProperties;
import org.springframework.cloud.gateway.server.mvc.config.PredicateProperties;
import org.springframework.cloud.gateway.server.mvc.config.RouteProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CombinedOpenApiTest {

    private static final URI BILLING = URI.create("http://billing:8081");
    private static final URI REFUNDS = URI.create("http://refund:8083");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CombinedOpenApi combiner = new CombinedOpenApi(PublicRoutes.of(List.of(
            route("billing", BILLING, "Path=/api/v1/accounts/**", "RequireApiKey=billing"),
            route("audit-refunds", REFUNDS, "Path=/api/v1/audit", "RequireApiKey=refunds"),
            route("refunds", REFUNDS, "Path=/api/v1/refund-requests/**", "RequireApiKey=refunds"),
            route("webhooks", BILLING, "Path=/webhooks/**", "LimitWebhooks")),
            Map.of(BILLING, "billing", REFUNDS, "refund")));

    private JsonNode combined() {
        Map<URI, JsonNode> services = new LinkedHashMap<>();
        services.put(BILLING, JSON.readTree("""
                {"openapi": "3.1.0", "paths": {
                  "/api/v1/accounts/{accountId}": {"get": {"operationId": "get_2",
                    "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evidence"}}}}}}},
                  "/api/v1/audit": {"get": {"operationId": "audit", "responses": {}}},
                  "/webhooks/stripe/{tenant}": {"post": {"operationId": "stripe", "responses": {}}},
                  "/internal/thing": {"get": {"operationId": "thing", "responses": {}}}},
                 "components": {"schemas": {
                  "Evidence": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"},
                    "kind": {"type": "string", "enum": ["A", "B"]}, "money": {"$ref": "#/components/schemas/Money"}}},
                  "Money": {"type": "object", "properties": {"amount": {"type": "integer"}}},
                  "Unused": {"type": "object"}}}}"""));
        services.put(REFUNDS, JSON.readTree("""
                {"openapi": "3.1.0", "paths": {
                  "/api/v1/audit": {"get": {"operationId": "audit", "responses": {}}},
                  "/api/v1/refund-requests/{caseId}": {"get": {"operationId": "get",
                    "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evidence"}}}}}}},
                  "/api/v1/refund-requests/{caseId}/approve": {"post": {"operationId": "approve", "responses": {}}}},
                 "components": {"schemas": {
                  "Evidence": {"type": "object", "properties": {"reference": {"type": "string"}}},
                  "Money": {"type": "object", "properties": {"amount": {"type": "integer"}}}}}}"""));
        return combiner.combine(services);
    }

    @Test
    void onlyRoutedPathsAreDocumentedFromTheServiceTheRouteLeadsTo() {
        JsonNode paths = combined().get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/api/v1/accounts/{accountId}", "/api/v1/audit",
                "/api/v1/refund-requests/{caseId}", "/api/v1/refund-requests/{caseId}/approve",
                "/webhooks/stripe/{tenant}", "/api/v1/openapi.json", "/docs");
        assertThat(paths.get("/api/v1/audit").get("get").get("security").get(0).get("apiKey").get(0).asString())
                .as("the audit trail the refund route takes").isEqualTo("refunds:read");
    }

    @Test
    void eachOperationNamesTheScopeItsKeyNeedsAndWebhooksNone() {
        JsonNode paths = combined().get("paths");
        assertThat(scope(paths, "/api/v1/accounts/{accountId}", "get")).isEqualTo("billing:read");
        assertThat(scope(paths, "/api/v1/refund-requests/{caseId}/approve", "post")).isEqualTo("refunds:review");
        JsonNode webhook = paths.get("/webhooks/stripe/{tenant}").get("post");
        assertThat(webhook.get("security")).isEmpty();
        assertThat(webhook.get("responses").propertyNames()).contains("429", "502").doesNotContain("403");
        assertThat(paths.get("/api/v1/accounts/{accountId}").get("get").get("responses").propertyNames())
                .contains("401", "403", "429", "502");
    }

    @Test
    void aSchemaNameTwoServicesUseForDifferentShapesIsTakenApartAndUnusedSchemasAreLeftOut() {
        JsonNode api = combined();
        assertThat(api.get("components").get("schemas").propertyNames())
                .containsExactlyInAnyOrder("Evidence", "RefundEvidence", "Money");
        assertThat(api.get("paths").get("/api/v1/refund-requests/{caseId}").get("get").get("responses").get("200")
                .get("content").get("application/json").get("schema").get("$ref").asString())
                .isEqualTo("#/components/schemas/RefundEvidence");
    }

    @Test
    void aPropertyASchemaDoesNotRequireMayBeNull() {
        JsonNode evidence = combined().get("components").get("schemas").get("Evidence").get("properties");
        assertThat(evidence.get("id").get("type").asString()).isEqualTo("string");
        assertThat(evidence.get("kind").get("type").valueStream().map(JsonNode::asString)).containsExactly("string",
                "null");
        assertThat(evidence.get("kind").get("enum").get(2).isNull()).isTrue();
        assertThat(evidence.get("money").get("anyOf").get(1).get("type").asString()).isEqualTo("null");
    }

    @Test
    void operationIdsAreUniqueWithoutNumberSuffixes() {
        JsonNode paths = combined().get("paths");
        assertThat(paths.get("/api/v1/accounts/{accountId}").get("get").get("operationId").asString())
                .isEqualTo("getAccounts");
        assertThat(paths.get("/api/v1/refund-requests/{caseId}").get("get").get("operationId").asString())
                .isEqualTo("getRefundRequests");
        assertThat(paths.get("/api/v1/refund-requests/{caseId}/approve").get("post").get("operationId").asString())
                .isEqualTo("approve");
    }

    private static String scope(JsonNode paths, String path, String method) {
        return paths.get(path).get(method).get("security").get(0).get("apiKey").get(0).asString();
    }

    private static RouteProperties route(String id, URI uri, String predicate, String filter) {
        RouteProperties route = new RouteProperties();
        route.setId(id);
        route.setUri(uri);
        route.setPredicates(List.of(new PredicateProperties(predicate)));
        route.setFilters(List.of(new FilterProperties(filter)));
        return route;
    }
}
