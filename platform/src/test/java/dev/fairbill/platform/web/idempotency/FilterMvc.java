package dev.fairbill.platform.web.idempotency;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.fairbill.platform.web.ProblemResponseWriter;
import tools.jackson.databind.json.JsonMapper;

/** A test controller behind the tenant header and the Idempotency-Key filter, called through MockMvc. */
final class FilterMvc {

    static final ProblemResponseWriter PROBLEMS = new ProblemResponseWriter(JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build());

    static MockMvc of(Object controller, IdempotencyFilter filter) {
        return MockMvcBuilders.standaloneSetup(controller).addFilters(new TenantFromHeaderFilter(), filter).build();
    }

    static MockHttpServletResponse perform(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    /** For a request sent from another thread. */
    static MockHttpServletResponse performUnchecked(MockMvc mvc, MockHttpServletRequestBuilder request) {
        try {
            return perform(mvc, request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private FilterMvc() {
    }
}
