package dev.fairbill.platform.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

public final class ProblemMatchers {

    /** An RFC 9457 answer with Fairbill's type for {@code slug}, a title and a detail. */
    public static ResultMatcher problem(int status, String slug) {
        return result -> {
            status().is(status).match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.type").value(Problems.TYPE_PREFIX + slug).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.title").isNotEmpty().match(result);
            jsonPath("$.detail").isNotEmpty().match(result);
        };
    }

    private ProblemMatchers() {
    }
}
