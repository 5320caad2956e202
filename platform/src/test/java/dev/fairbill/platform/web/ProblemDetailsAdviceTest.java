package dev.fairbill.platform.web;

import static dev.fairbill.platform.web.ProblemMatchers.problem;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

// a lenient shared JsonMapper proves that request bodies are strict on their own
@WebMvcTest(properties = "spring.jackson.deserialization.fail-on-unknown-properties=false")
@AutoConfigureMockMvc(addFilters = false)
@ContextConfiguration(classes = WebTestApplication.class)
class ProblemDetailsAdviceTest {

    private static final String VALID_ORDER = """
            {"accountId": "acct_1", "amount": {"amount": 1999, "currency": "EUR"}, "colour": "RED",
             "lines": [{"sku": "credits-500", "quantity": 1}]}""";

    @Autowired
    private MockMvc mvc;

    @Test
    void validRequestPassesThroughUntouched() throws Exception {
        postOrder(VALID_ORDER)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount.amount").value(1999))
                .andExpect(jsonPath("$.amount.currency").value("EUR"));
    }

    @Test
    void beanValidationFailureListsEveryInvalidField() throws Exception {
        postOrder("""
                {"accountId": " ", "amount": null, "lines": [{"sku": "x", "quantity": 0}]}""")
                .andExpect(problem(400, "validation-failed"))
                .andExpect(jsonPath("$.title").value("Validation failed"))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[?(@.field == 'accountId')].message").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'amount')].message").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'lines[0].quantity')].message").exists());
    }

    @Test
    void stringsWithControlCharactersAreRefusedByField() throws Exception {
        postValues("{\"note\": \"a\\u0000b\"}")
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("note"))
                .andExpect(jsonPath("$.errors[0].message").value("must not contain control characters"));
        postValues("{\"tags\": [\"ok\", \"\\u001b[31m\"]}").andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("tags[1]"));
        postValues("{\"note\": \"\\ud800\"}").andExpect(problem(400, "malformed-request"));
    }

    @Test
    void freeTextKeepsLineBreaksTabsAndEmoji() throws Exception {
        postValues("{\"note\": \"line 1\\n\\tline 2 \\ud83d\\ude00\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.note").value("line 1\n\tline 2 \ud83d\ude00"));
    }

    @Test
    void overlongStringsAreRefused() throws Exception {
        postValues("{\"note\": \"" + "x".repeat(10_001) + "\"}")
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 10000 characters long"));
    }

    @Test
    void instantsAreIsoStringsWithinTheYears2000To2199() throws Exception {
        postValues("{\"at\": \"2026-11-22T10:15:30+02:00\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.at").value("2026-11-22T08:15:30Z"));
        for (String refused : new String[] {"1764000000", "\"\"", "\"1999-12-31T23:59:59Z\"",
                "\"2200-01-01T00:00:00Z\"", "\"-999999999-01-01T00:00:00Z\"", "\"2026-11-22\"",
                "\"+1000000000-12-31T23:59:59Z\""}) {
            postValues("{\"at\": " + refused + "}")
                    .andExpect(problem(400, "malformed-request"))
                    .andExpect(jsonPath("$.errors[0].field").value("at"));
        }
    }

    @Test
    void enumValuesBindByExactNameOnly() throws Exception {
        for (String refused : new String[] {"0", "\"0\"", "\" RED\"", "\"RED \"", "\"red\"", "\"BANANA\"", "true"}) {
            postValues("{\"colour\": " + refused + "}")
                    .andExpect(problem(400, "malformed-request"))
                    .andExpect(jsonPath("$.errors[0].field").value("colour"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be one of RED, GREEN"));
        }
    }

    @Test
    void noValueIsCoercedFromAnotherJsonType() throws Exception {
        postValues("{\"count\": \"12\"}").andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
        postValues("{\"count\": 1.5}").andExpect(problem(400, "malformed-request"));
        postValues("{\"count\": 99999999999999999999}").andExpect(problem(400, "malformed-request"));
        postValues("{\"flag\": \"true\"}").andExpect(problem(400, "malformed-request"));
        postValues("{\"flag\": 1}").andExpect(problem(400, "malformed-request"));
        postValues("{\"note\": 12}").andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a string"));
        postValues("{\"note\": {\"nested\": true}}").andExpect(problem(400, "malformed-request"));
    }

    @Test
    void unknownFieldIsRejectedByName() throws Exception {
        postOrder(VALID_ORDER.replace("\"colour\"", "\"discountCode\": \"FREE\", \"colour\""))
                .andExpect(problem(400, "unknown-field"))
                .andExpect(jsonPath("$.detail").value("Unknown field 'discountCode'"))
                .andExpect(jsonPath("$.errors[0].field").value("discountCode"));
    }

    @Test
    void unknownNestedFieldIsRejectedWithItsPath() throws Exception {
        postOrder(VALID_ORDER.replace("\"quantity\": 1", "\"quantity\": 1, \"gift\": true"))
                .andExpect(problem(400, "unknown-field"))
                .andExpect(jsonPath("$.detail").value("Unknown field 'lines[0].gift'"));
    }

    @Test
    void malformedJsonIsAMalformedRequest() throws Exception {
        postOrder("{\"accountId\": ")
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON"));
    }

    @Test
    void fractionalMinorUnitsAreRefusedNotTruncated() throws Exception {
        postOrder(VALID_ORDER.replace("1999", "19.99"))
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("amount.amount"));
    }

    @Test
    void unknownEnumValueNamesTheAllowedValues() throws Exception {
        postOrder(VALID_ORDER.replace("\"RED\"", "\"BLUE\""))
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.detail").value("Field 'colour' must be one of RED, GREEN"));
    }

    @Test
    void unknownCurrencyIsAMalformedRequest() throws Exception {
        postOrder(VALID_ORDER.replace("EUR", "XXQ"))
                .andExpect(problem(400, "malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("amount.currency"));
    }

    @Test
    void missingQueryParameterIsAValidationFailure() throws Exception {
        mvc.perform(get("/test/orders"))
                .andExpect(problem(400, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
    }

    @Test
    void wronglyTypedQueryParameterIsAValidationFailure() throws Exception {
        mvc.perform(get("/test/orders").param("count", "many"))
                .andExpect(problem(400, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("count"));
        mvc.perform(get("/test/orders").param("count", "1").param("colour", "BLUE"))
                .andExpect(problem(400, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("colour"))
                .andExpect(jsonPath("$.errors[0].message").value("must be one of RED, GREEN"));
    }

    @Test
    void constrainedQueryParameterOutOfRangeIsAValidationFailure() throws Exception {
        mvc.perform(get("/test/limited").param("size", "11"))
                .andExpect(problem(400, "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void unknownRouteIsNotFound() throws Exception {
        mvc.perform(get("/test/nowhere"))
                .andExpect(problem(404, "not-found"))
                .andExpect(jsonPath("$.detail").value("No endpoint GET /test/nowhere"));
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        mvc.perform(put("/test/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(problem(405, "method-not-allowed"))
                .andExpect(header().string("Allow", containsString("POST")));
    }

    @Test
    void unsupportedContentTypeIsUnsupportedMediaType() throws Exception {
        mvc.perform(post("/test/orders").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(problem(415, "unsupported-media-type"));
    }

    @Test
    void problemExceptionsKeepTheirSlugTitleAndDetail() throws Exception {
        fail("not-found")
                .andExpect(problem(404, "not-found"))
                .andExpect(jsonPath("$.detail").value("Account acct_1 not found"));
        fail("conflict")
                .andExpect(problem(409, "insufficient-credits"))
                .andExpect(jsonPath("$.title").value("Insufficient credits"))
                .andExpect(jsonPath("$.detail").value("The ledger holds 5 credits, 10 were asked for"));
        fail("unprocessable")
                .andExpect(problem(422, "refund-window-closed"));
    }

    @Test
    void missingAggregateIsNotFound() throws Exception {
        fail("aggregate-not-found").andExpect(problem(404, "not-found"));
    }

    @Test
    void concurrentModificationAndDuplicateCreationAreConflicts() throws Exception {
        fail("concurrency").andExpect(problem(409, "conflict"));
        fail("stream-creation").andExpect(problem(409, "conflict"));
    }

    @Test
    void axonWrappersAreUnwrappedToTheDomainFailure() throws Exception {
        fail("wrapped-in-command-execution")
                .andExpect(problem(404, "not-found"))
                .andExpect(jsonPath("$.detail").value("Charge ch_1 not found"));
        fail("in-command-execution-details")
                .andExpect(problem(409, "conflict"))
                .andExpect(jsonPath("$.detail").value("Already cancelled"));
        fail("wrapped-in-completion").andExpect(problem(409, "conflict"));
    }

    @Test
    void unexpectedFailureIsAnInternalErrorThatRevealsNothing() throws Exception {
        fail("anything-else")
                .andExpect(problem(500, "internal-error"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred"))
                .andExpect(content().string(not(containsString("secret-db-host"))));
    }

    @Test
    void accessDeniedIsLeftToSpringSecurity() {
        assertThatThrownBy(() -> fail("access-denied")).hasRootCauseInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aDatabaseOutOfReachIsAServiceUnavailableToRetry() throws Exception {
        for (String kind : new String[] {"no-connection", "database-restarting", "commit-outcome-unknown",
            "pooled-connection-closed"}) {
            fail(kind)
                    .andExpect(problem(503, "service-unavailable"))
                    .andExpect(header().string("Retry-After", "2"));
        }
        fail("bad-sql").andExpect(problem(500, "internal-error"));
    }

    private ResultActions postValues(String body) throws Exception {
        return mvc.perform(post("/test/values").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions postOrder(String json) throws Exception {
        return mvc.perform(post("/test/orders").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions fail(String kind) throws Exception {
        return mvc.perform(get("/test/failures/" + kind));
    }
}
