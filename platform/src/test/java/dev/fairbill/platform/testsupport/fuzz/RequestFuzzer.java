package dev.fairbill.platform.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.fairbill.platform.testsupport.ApiClient;

/**
 * Hostile variants of every write endpoint of a service, sent one by one: a variant that breaks a rule must be
 * refused with a 4xx problem and leave the service's state as it was; no variant may ever answer 5xx. The body's
 * variants are typed by the record the endpoint binds, found in the service's own mappings.
 */
public final class RequestFuzzer {

    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final int BEYOND_ANY_BODY_LIMIT = 2 * 1024 * 1024;

    private final ApplicationContext service;
    private final ApiClient api;
    private final LongSupplier state;
    private final Map<String, String> authorization;
    private final Map<String, Target> targets = new LinkedHashMap<>();

    /**
     * @param state         a reading of the service's state that any accepted write changes, e.g. the number of
     *                      events in its store
     * @param authorization the headers of an authorised caller
     */
    public RequestFuzzer(ApplicationContext service, ApiClient api, LongSupplier state,
                         Map<String, String> authorization) {
        this.service = service;
        this.api = api;
        this.state = state;
        this.authorization = authorization;
    }

    private record Target(String path, String validBody, UnaryOperator<Mutation> signer, List<Mutation> extra) {
    }

    /**
     * @param endpoint  "POST /path/{template}" as the service maps it
     * @param path      a concrete path of the caller's own objects
     * @param validBody a body the endpoint accepts; {@code null} for an endpoint without one
     * @param refused   more variants that break a rule, e.g. the path or a body naming another tenant's object
     */
    public RequestFuzzer endpoint(String endpoint, String path, String validBody, Mutation... refused) {
        targets.put(endpoint, new Target(path, validBody, UnaryOperator.identity(), List.of(refused)));
        return this;
    }

    /** An endpoint whose body carries its own authentication (a webhook): every variant is signed again. */
    public RequestFuzzer signedEndpoint(String endpoint, String path, String validBody, UnaryOperator<Mutation> signer,
                                        Mutation... extra) {
        targets.put(endpoint, new Target(path, validBody, signer, List.of(extra)));
        return this;
    }

    /** A variant that must be refused: another path (another tenant's object, say) or another valid-looking body. */
    public static Mutation refused(String what, String path, String body) {
        return new Mutation(what, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of(), true);
    }

    /** Fails unless the fuzzed endpoints are exactly the service's POST endpoints. */
    public void coveredEndpointsAre() {
        Set<String> writes = new TreeSet<>();
        mappings().forEach((mapping, handler) -> mapping.getPatternValues().forEach(path -> mapping
                .getMethodsCondition().getMethods().stream().filter(method -> method.name().equals("POST"))
                .forEach(method -> writes.add("POST " + path))));
        writes.removeIf(endpoint -> !endpoint.startsWith("POST /api/") && !endpoint.startsWith("POST /webhooks/"));
        assertThat(new TreeSet<>(targets.keySet())).isEqualTo(writes);
    }

    public Stream<DynamicTest> tests() {
        return targets.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> fuzz(entry.getKey(), entry.getValue())));
    }

    private void fuzz(String endpoint, Target target) {
        MethodParameter body = bodyParameter(endpoint);
        List<Mutation> mutations = new ArrayList<>(target.validBody() == null || body == null ? List.of()
                : BodyMutations.of(target.path(), target.validBody(), body.getParameterType(),
                        body.getParameterAnnotation(RequestBody.class).required()));
        mutations.addAll(target.extra());
        mutations.addAll(keyMutations(target));
        mutations.replaceAll(target.signer());
        List<String> failures = new ArrayList<>();
        awaitQuiet();
        long before = state.getAsLong();
        mutations.stream().filter(Mutation::invalid).forEach(mutation -> check(mutation, failures));
        awaitQuiet();
        long after = state.getAsLong();
        if (after != before) {
            failures.add("refused requests changed the state: " + before + " -> " + after);
        }
        mutations.stream().filter(mutation -> !mutation.invalid()).forEach(mutation -> check(mutation, failures));
        assertThat(failures).as("%s: %d variants", endpoint, mutations.size()).isEmpty();
    }

    private void check(Mutation mutation, List<String> failures) {
        Map<String, String> headers = new HashMap<>(authorization);
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        headers.putAll(mutation.headers());
        ApiClient.Response answer;
        try {
            answer = api.send("POST", mutation.path(), mutation.body(), mutation.contentType(), headers);
        } catch (IllegalStateException failed) {
            if (failed.getCause() instanceof IOException && mutation.body() != null
                    && mutation.body().length > BEYOND_ANY_BODY_LIMIT) {
                // refused: a server may close the connection on a body over its limit before the client has sent
                // it all, and the client may then lose the 413 it was sent; the state check covers it like the rest
                return;
            }
            throw failed;
        }
        String verdict = null;
        if (answer.status() >= 500) {
            verdict = "answered " + answer.status();
        } else if (mutation.invalid() && answer.status() < 400) {
            verdict = "accepted with " + answer.status();
        } else if (answer.status() >= 400 && !String.valueOf(answer.header("Content-Type")).contains("problem+json")) {
            verdict = "answered " + answer.status() + " without problem+json";
        }
        if (verdict != null) {
            String body = answer.body() == null ? "" : answer.body();
            failures.add(mutation.what() + ": " + verdict + " " + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private List<Mutation> keyMutations(Target target) {
        byte[] body = target.validBody() == null ? null : target.validBody().getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Mutation("an empty Idempotency-Key", target.path(), body, "application/json",
                        Map.of("Idempotency-Key", ""), true),
                new Mutation("a 300-character Idempotency-Key", target.path(), body, "application/json",
                        Map.of("Idempotency-Key", "k".repeat(300)), true),
                new Mutation("an 8 KB Idempotency-Key", target.path(), body, "application/json",
                        Map.of("Idempotency-Key", "k".repeat(8 * 1024)), true));
    }

    /** Waits until the state has not changed for a moment: what earlier accepted requests set off has settled. */
    /**
     * Waits until the state holds still and every event processor has handled every stored event: a processor's
     * follow-up (a dispute's holds, say) may come a second after the event that caused it, longer than a quiet spell.
     */
    private void awaitQuiet() {
        Instant deadline = Instant.now().plus(SETTLE);
        long last = state.getAsLong();
        while (Instant.now().isBefore(deadline)) {
            sleep(QUIET);
            long now = state.getAsLong();
            if (now == last && processorsCaughtUp()) {
                return;
            }
            last = now;
        }
    }

    private boolean processorsCaughtUp() {
        var processing = service.getBeanProvider(EventProcessingConfiguration.class).getIfAvailable();
        var store = service.getBeanProvider(EventStore.class).getIfAvailable();
        if (processing == null || store == null) {
            return true;
        }
        TrackingToken head = store.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .flatMap(processor -> processor.processingStatus().values().stream())
                .allMatch(status -> position(status) >= headPosition);
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }

    /** The endpoint's {@code @RequestBody} parameter, if it takes a body. */
    private MethodParameter bodyParameter(String endpoint) {
        for (var entry : mappings().entrySet()) {
            for (String path : entry.getKey().getPatternValues()) {
                if (endpoint.equals("POST " + path)) {
                    for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                        if (parameter.hasParameterAnnotation(RequestBody.class)) {
                            return parameter;
                        }
                    }
                }
            }
        }
        return null;
    }

    private Map<RequestMappingInfo, HandlerMethod> mappings() {
        return service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
