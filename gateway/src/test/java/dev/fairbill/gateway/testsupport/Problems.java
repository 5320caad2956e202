package dev.fairbill.gateway.testsupport;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a response is the RFC 9457 problem the API promises. */
public final class Problems {

    private Problems() {
    }

    public static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String body = response.body();
        assertThat(JsonPath.<String>read(body, "$.type")).isEqualTo("https://fairbill.dev/problems/" + slug);
        assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(status);
        assertThat(JsonPath.<String>read(body, "$.title")).isNotBlank();
        assertThat(JsonPath.<String>read(body, "$.detail")).isNotBlank();
    }
}
