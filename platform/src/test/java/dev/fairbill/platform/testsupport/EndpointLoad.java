package dev.fairbill.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of a service called many times at once. Each endpoint names the statuses its calls may answer; any
 * other answer, a 5xx above all, fails its test with the answers it got. {@link #coveredEndpointsAre} fails when the
 * service has an endpoint that no call exercises, so a new endpoint cannot slip past.
 */
public final class EndpointLoad {

    private final int callsPerEndpoint;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    private record Endpoint(IntFunction<ApiClient.Response> call, Set<Integer> expected) {
    }

    public EndpointLoad(int callsPerEndpoint) {
        this.callsPerEndpoint = callsPerEndpoint;
    }

    /**
     * @param endpoint "METHOD /path/{template}" as Spring maps it
     * @param call     the i-th of the parallel calls; calls that change one object each get their own object
     */
    public EndpointLoad endpoint(String endpoint, IntFunction<ApiClient.Response> call, Integer... expected) {
        endpoints.put(endpoint, new Endpoint(call, Set.of(expected)));
        return this;
    }

    /** One object per parallel call, created one after the other, for calls that each change their own. */
    public List<String> oneEach(IntFunction<String> create) {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < callsPerEndpoint; i++) {
            created.add(create.apply(i));
        }
        return created;
    }

    /** One test per endpoint, each firing its calls in parallel. */
    public Stream<DynamicTest> tests() {
        return endpoints.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            List<ApiClient.Response> answers = ParallelCalls.run(callsPerEndpoint, entry.getValue().call());
            assertThat(answers)
                    .as("%d parallel calls of %s", callsPerEndpoint, entry.getKey())
                    .allSatisfy(answer -> assertThat(answer.status()).as(answer.body())
                            .isIn(entry.getValue().expected()));
        }));
    }

    /** Fails unless the calls cover exactly the service's public endpoints (its API and webhooks). */
    public void coveredEndpointsAre(ApplicationContext service) {
        assertThat(new TreeSet<>(endpoints.keySet())).isEqualTo(publicEndpoints(service));
    }

    static Set<String> publicEndpoints(ApplicationContext service) {
        Set<String> endpoints = new TreeSet<>();
        service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .keySet().forEach(mapping -> mapping.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/") || path.startsWith("/webhooks/"))
                        .forEach(path -> mapping.getMethodsCondition().getMethods()
                                .forEach(method -> endpoints.add(method.name() + " " + path))));
        return endpoints;
    }
}
