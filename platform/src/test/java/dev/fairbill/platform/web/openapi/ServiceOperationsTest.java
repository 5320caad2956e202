package dev.fairbill.platform.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

import dev.fairbill.platform.web.page.PageRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponses;

class ServiceOperationsTest {

    private final ServiceOperations operations = new ServiceOperations(List.of("/api/v1/ledgers/*/grants"),
            List.of(400, 404, 409, 413, 422, 423));

    private OpenAPI document() {
        return new OpenAPI().paths(new Paths()
                .addPathItem("/api/v1/ledgers/{accountId}/grants", new PathItem().post(new Operation()
                        .addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false))
                        .responses(new ApiResponses())))
                .addPathItem("/api/v1/ledgers/{accountId}/holds", new PathItem().post(new Operation()))
                .addPathItem("/api/v1/ledgers/{accountId}", new PathItem().get(new Operation()))
                .addPathItem("/api/v1/journal/check", new PathItem().get(new Operation()))
                .addPathItem("/webhooks/stripe/{tenant}", new PathItem().post(new Operation())));
    }

    @Test
    void aPostThatTakesOrPaysValueRequiresTheIdempotencyKeyAndOthersTakeIt() {
        OpenAPI api = document();
        operations.customise(api);

        List<Parameter> grant = api.getPaths().get("/api/v1/ledgers/{accountId}/grants").getPost().getParameters();
        assertThat(grant).singleElement().satisfies(key -> {
            assertThat(key.getName()).isEqualTo("Idempotency-Key");
            assertThat(key.getRequired()).as("the filter's rule, not the controller's").isTrue();
        });
        assertThat(api.getPaths().get("/api/v1/ledgers/{accountId}/holds").getPost().getParameters())
                .singleElement().satisfies(key -> assertThat(key.getRequired()).isFalse());
        assertThat(api.getPaths().get("/webhooks/stripe/{tenant}").getPost().getParameters()).isNull();
    }

    @Test
    void eachOperationDocumentsTheProblemsItCanAnswer() {
        OpenAPI api = document();
        operations.customise(api);

        assertThat(responses(api, "/api/v1/ledgers/{accountId}/holds", PathItem.HttpMethod.POST))
                .containsExactly("400", "401", "403", "404", "409", "413", "422", "423", "503");
        assertThat(responses(api, "/api/v1/ledgers/{accountId}", PathItem.HttpMethod.GET))
                .containsExactly("400", "401", "403", "404", "503");
        assertThat(responses(api, "/api/v1/journal/check", PathItem.HttpMethod.GET))
                .containsExactly("400", "401", "403", "503");
        assertThat(responses(api, "/webhooks/stripe/{tenant}", PathItem.HttpMethod.POST))
                .containsExactly("400", "401", "404", "503");
        assertThat(api.getComponents().getSchemas()).containsKeys("Problem", "FieldError");
        assertThat(api.getPaths().get("/api/v1/journal/check").getGet().getResponses().get("400").getContent())
                .containsKey("application/problem+json");
    }

    @Test
    void aListTakesLimitAndAfter() throws NoSuchMethodException {
        Operation list = ServiceOperations.addPaging(new Operation(), new HandlerMethod(new Lists(),
                Lists.class.getDeclaredMethod("list", PageRequest.class)));

        assertThat(list.getParameters()).extracting(Parameter::getName).containsExactly("limit", "after");
        assertThat(list.getParameters().get(0).getSchema().getMaximum()).isEqualByComparingTo("500");
    }

    private static List<String> responses(OpenAPI api, String path, PathItem.HttpMethod method) {
        return List.copyOf(api.getPaths().get(path).readOperationsMap().get(method).getResponses().keySet());
    }

    static final class Lists {
        @SuppressWarnings("unused")
        void list(PageRequest page) {
        }
    }
}
