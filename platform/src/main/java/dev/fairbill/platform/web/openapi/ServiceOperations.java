package dev.fairbill.platform.web.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.fairbill.platform.web.idempotency.IdempotencyFilter;
import dev.fairbill.platform.web.page.PageRequest;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * What all of a service's operations share, added to its OpenAPI document: the problem+json answers each can give,
 * the Idempotency-Key header on POSTs, and {@code limit}/{@code after} on lists.
 */
public final class ServiceOperations implements OpenApiCustomizer {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String FIELD_ERROR = "FieldError";
    private static final String WEBHOOKS = "/webhooks/";

    private static final Map<Integer, String> WHY = Map.ofEntries(
            Map.entry(400, "The request is malformed or a value is outside what the field allows; `errors` names "
                    + "each field"),
            Map.entry(401, "No valid credentials: an API key at the gateway, a valid signature on a webhook"),
            Map.entry(403, "The API key lacks the scope this operation needs"),
            Map.entry(404, "No such object for this tenant (another tenant's object answers 404 too), or no such "
                    + "tenant"),
            Map.entry(409, "The request conflicts with the object's current state, or a request with the same "
                    + "Idempotency-Key is still running"),
            Map.entry(413, "The request body is larger than allowed"),
            Map.entry(422, "Well formed, but a business rule refuses it; the problem's type names the rule"),
            Map.entry(423, "The ledger is frozen"),
            Map.entry(503, "The service is overloaded or starting; retry after the time in Retry-After"));

    private final List<PathPattern> idempotencyRequiredOn;
    private final List<Integer> writeProblems;

    public ServiceOperations(List<String> idempotencyRequiredOn, List<Integer> writeProblems) {
        this.idempotencyRequiredOn = idempotencyRequiredOn.stream().map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.writeProblems = List.copyOf(writeProblems);
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas(FIELD_ERROR, new ObjectSchema()
                .description("One invalid field of a request and why")
                .addProperty("field", new StringSchema().description("A JSON path into the body, or a parameter"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message")));
        components.addSchemas(PROBLEM, new ObjectSchema()
                .description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().format("uri")
                        .description("https://fairbill.dev/problems/<slug>; the slug is stable"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(FIELD_ERROR)))
                .required(List.of("type", "title", "status")));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean webhook = path.startsWith(WEBHOOKS);
            if (method == PathItem.HttpMethod.POST && !webhook) {
                // a controller that reads the header itself declares it optional; the filter decides that
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(parameter ->
                            IdempotencyFilter.IDEMPOTENCY_KEY.equalsIgnoreCase(parameter.getName()));
                }
                operation.addParametersItem(idempotencyKey(keyRequired(path)));
            }
            List<Integer> problems = webhook ? List.of(400, 401, 404, 503)
                    : method == PathItem.HttpMethod.GET ? readProblems(path) : withAuth(writeProblems);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            problems.forEach(status -> responses.putIfAbsent(String.valueOf(status), problem(WHY.get(status))));
            operation.setResponses(sorted(responses));
        }));
    }

    /** The paging parameters of an operation that takes a {@link PageRequest}. */
    static Operation addPaging(Operation operation, HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() == PageRequest.class) {
                operation.addParametersItem(new QueryParameter().name("limit").required(false)
                        .description("How many items at most")
                        .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                                .maximum(java.math.BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                                ._default(PageRequest.DEFAULT_LIMIT)));
                operation.addParametersItem(new QueryParameter().name("after").required(false)
                        .description("The previous page's nextCursor")
                        .schema(new StringSchema()));
            }
        }
        return operation;
    }

    private boolean keyRequired(String path) {
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{([^}]+)}", "$1"));
        return idempotencyRequiredOn.stream().anyMatch(pattern -> pattern.matches(concrete));
    }

    private static HeaderParameter idempotencyKey(boolean required) {
        return (HeaderParameter) new HeaderParameter().name(IdempotencyFilter.IDEMPOTENCY_KEY).required(required)
                .description("Makes the request safe to retry: the same key with the same body answers the first "
                        + "response again (status and body); with a different body 422 idempotency-key-reused. "
                        + "Keys are kept at least 24 hours."
                        + (required ? " Required: this operation takes or pays money or grants value." : ""))
                .schema(new StringSchema().maxLength(255));
    }

    private static List<Integer> readProblems(String path) {
        return path.contains("{") ? List.of(400, 401, 403, 404, 503) : List.of(400, 401, 403, 503);
    }

    private static List<Integer> withAuth(List<Integer> problems) {
        var all = new java.util.TreeSet<>(problems);
        all.addAll(List.of(401, 403, 503));
        return List.copyOf(all);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(new LinkedHashMap<>(responses)).forEach(sorted::addApiResponse);
        return sorted;
    }
}
