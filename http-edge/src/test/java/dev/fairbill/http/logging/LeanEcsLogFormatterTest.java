package dev.fairbill.http.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.BasicMarkerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * Compares every line with the one Spring Boot's own ECS formatter writes for the same event, configured the same
 * way: both are built as Spring Boot builds them, by {@link StructuredLogEncoder} from
 * {@code logging.structured.format.console}.
 */
class LeanEcsLogFormatterTest {

    private static final LoggerContext LOGGERS = new LoggerContext();
    private static final BasicMarkerFactory MARKERS = new BasicMarkerFactory();
    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.123456Z");
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    /** Characters JSON escaping gets wrong most easily, a surrogate pair and lone surrogates among them. */
    private static final String[] TRICKY = {"a", "Z", "0", " ", ".", "..", "\"", "\\", "/", "\b", "\f", "\n", "\r",
            "\t", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "\u009f", "\u00a0", "\u00e9", "\u20ac", "\u2028",
            "\u2029", "\ud83d\ude00", "\ud800", "\udc00", "{", "}", ":", ",", "[", "'", "<", "%", "\ufeff", "\uffff"};
    private static final String[] SEGMENTS = {"http", "request", "id", "method", "response", "status_code", "url",
            "path", "event", "duration", "fairbill", "key_id", "a", "b", "x\"y", "\u00e9", "\ud83d\ude00", "code"};
    /** Segments on which Spring Boot's formatter fails, or which the lean one leaves to it, in some places. */
    private static final String[] AWKWARD_SEGMENTS = {"", "log", "message", "error", "tags", "service", "ecs",
            "process", "@timestamp"};

    @AfterAll
    static void stopLoggers() {
        LOGGERS.stop();
    }

    @Test
    void writesTheGatewaysAccessLogLineAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        LoggingEvent event = accessLogEvent();
        assertThat(formatters.lean.format(event)).isEqualTo("{\"@timestamp\":\"2025-03-04T05:06:07.123456Z\","
                + "\"log\":{\"level\":\"INFO\",\"logger\":\"dev.fairbill.gateway.access\"},"
                + "\"process\":{\"pid\":4242,\"thread\":{\"name\":\"tomcat-handler-7\"}},"
                + "\"service\":{\"name\":\"fair\\\"bill-gateway\",\"version\":\"1.2.3\",\"environment\":\"prod\","
                + "\"node\":{\"name\":\"node-\u00e9-1\"}},"
                + "\"message\":\"GET /api/v1/accounts/acct_42 200 12 ms\","
                + "\"http\":{\"request\":{\"id\":\"req_0Q9x\",\"method\":\"GET\"},\"response\":{\"status_code\":200}},"
                + "\"url\":{\"path\":\"/api/v1/accounts/acct_42\"},\"event\":{\"duration\":12345678},"
                + "\"fairbill\":{\"key_id\":\"key_7\",\"tenant\":\"ten_1\"},"
                + "\"ecs\":{\"version\":\"8.11\"}}\n");
        assertSameLine(formatters, event);
    }

    @Test
    void writesPlainMessagesLevelsLoggersAndThreadsAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        List<String> texts = List.of("", "plain", "say \"hi\"", "back\\slash", "nul\u0000 and \u0001\u001f\u007f",
                "lines\nand\r\ttabs\b\f", "caf\u00e9 \u20ac \u4e2d\u6587", "emoji \ud83d\ude00\ud83c\udf89",
                "separators \u2028 \u2029", "c1 \u0080\u0085\u009f", "lone \ud800 and \udc00 surrogates", "</script>",
                "{\"json\":[1,2]}");
        Level[] levels = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
        int n = 0;
        for (String text : texts) {
            LoggingEvent event = threadEvent(texts.get((n + 3) % texts.size()), "dev.fairbill." + n,
                    levels[n % levels.length], text);
            assertSameLine(formatters, event);
            LoggingEvent named = threadEvent("virtual-" + n, "x", Level.INFO, "{} and {}", text, n);
            named.setLoggerName(text);
            assertSameLine(formatters, named);
            n++;
        }
    }

    @Test
    void writesTimestampsAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2025-12-31T23:59:59Z"),
                Instant.parse("2024-02-29T00:00:00.100Z"), Instant.parse("2000-03-01T12:00:00.000001Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.5Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX, Instant.ofEpochSecond(1, 10));
        for (Instant instant : instants) {
            LoggingEvent event = event("time", Level.INFO, "at");
            event.setInstant(instant);
            assertSameLine(formatters, event);
        }
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            LoggingEvent event = event("time", Level.INFO, "at");
            event.setInstant(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    randomNanos(random)));
            assertSameLine(formatters, event);
        }
    }

    @Test
    void nestsDottedKeysOfKeyValuePairsAndMdcAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("trace.id", "4bf92f3577b34da6");
        mdc.put("span.id", "00f067aa0ba902b7");
        mdc.put("http.request.referrer", "https://example.com/\"q\"");
        mdc.put("tenant", null);
        mdc.put("plain", "v\u2028");
        LoggingEvent event = event("dev.fairbill.gateway.access", Level.INFO, "mixed");
        event.getMDCPropertyMap().putAll(mdc);
        pairs(event, "http.request.id", "req_1", "url.path", "/a\\b", "http.request.method", "POST",
                "event.duration", 42L, "http.response.status_code", 503, "fairbill.key_id", "key_\"1\"",
                "flag", true, "off", false, "nothing", null, "ratio", 0.25d, "huge", Double.NaN, "amount",
                new BigDecimal("12.50"), "id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "unit",
                TimeUnit.SECONDS, "file", Path.of("/tmp/a b"), "text", new StringBuilder("sb\t"), "a.b.c.d.e", 1,
                "a.b.x", 2, "a.y", 3, "..lead", "dots", "mid..dle", "m", "\u00e9.\ud83d\ude00", "u", "q\"k.\\", "e");
        assertSameLine(formatters, event);

        LoggingEvent mdcOnly = event("mdc", Level.DEBUG, "mdc only");
        mdcOnly.getMDCPropertyMap().putAll(new HashMap<>(Map.of("user.id", "u1", "user.name", "N", "zone", "eu")));
        assertSameLine(formatters, mdcOnly);

        LoggingEvent many = event("many", Level.INFO, "many");
        for (int i = 0; i < 40; i++) {
            pairs(many, "k" + (i % 5) + ".s" + (i % 7) + ".v" + i, i);
        }
        assertSameLine(formatters, many);
    }

    @Test
    void writesErrorsAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        IllegalStateException failure = new IllegalStateException("outer \"failure\"\n\ttab",
                new UncheckedIOException("io", new IOException("disk \u00e9")));
        failure.addSuppressed(new IllegalArgumentException("suppressed"));
        failure.addSuppressed(new Nested(null));
        List<Throwable> throwables = List.of(failure, new RuntimeException(), new Nested("nested \u2028"),
                new Error("error", new Nested("cause")));
        for (Throwable throwable : throwables) {
            LoggingEvent event = new LoggingEvent(LeanEcsLogFormatterTest.class.getName(), LOGGERS.getLogger("err"),
                    Level.ERROR, "failed {}", throwable, new Object[] {"job"});
            prepare(event);
            pairs(event, "error.code", "E1", "job.id", 7);
            assertSameLine(formatters, event);
        }
    }

    @Test
    void writesMarkersAsTagsAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        Marker parent = MARKERS.getDetachedMarker("SECURITY");
        parent.add(MARKERS.getDetachedMarker("AUDIT"));
        parent.add(MARKERS.getDetachedMarker("z\"quoted\""));
        LoggingEvent event = event("marked", Level.WARN, "marked");
        event.addMarker(parent);
        event.addMarker(MARKERS.getDetachedMarker("AUDIT"));
        event.addMarker(MARKERS.getDetachedMarker("\u00e9t\u00e9"));
        pairs(event, "tags.custom", "no conflict without markers? it is one here");
        assertSameLine(formatters, event);

        LoggingEvent tagged = event("marked", Level.WARN, "marked");
        tagged.addMarker(MARKERS.getDetachedMarker("ONLY"));
        assertSameLine(formatters, tagged);
    }

    /** Spring Boot fails on most of these; the lean formatter hands them over and so fails the same way. */
    @Test
    void handsCollidingKeysAndStructuredValuesToSpringBoot() {
        Formatters formatters = formatters(environment());
        List<Object[]> pairLists = List.of(new Object[] {"a", 1, "a", 2}, new Object[] {"a", 1, "a.b", 2},
                new Object[] {"a.b", 1, "a", 2}, new Object[] {"message", "m"}, new Object[] {"log.level", "x"},
                new Object[] {"service.name", "s"}, new Object[] {"ecs", 1}, new Object[] {"@timestamp", 1},
                new Object[] {"process.pid", 1}, new Object[] {"error.code", 1}, new Object[] {"tags", 1},
                new Object[] {"trailing.", 1}, new Object[] {".", 1}, new Object[] {"...", 1},
                new Object[] {"list", List.of(1, "two")}, new Object[] {"map", Map.of("k", "v")},
                new Object[] {"nested.map", Map.of("k", Map.of("x", 1))}, new Object[] {"array", new int[] {1, 2}},
                new Object[] {"strings", new String[] {"a", "b"}}, new Object[] {"deep" + ".d".repeat(600), 1},
                new Object[] {"long" + ".d".repeat(300), 1}, new Object[] {"http.request.id", "kv"},
                new Object[] {null, "unnamed", "", "empty"});
        for (Object[] pairList : pairLists) {
            LoggingEvent event = event("collide", Level.INFO, "collide");
            event.getMDCPropertyMap().putAll(new HashMap<>(Map.of("http.request.id", "mdc")));
            pairs(event, pairList);
            assertSameLine(formatters, event);
        }
    }

    @Test
    void followsTheContextAndStackTraceSettingsAsSpringBootDoes() {
        List<MockEnvironment> environments = List.of(
                environment().withProperty("logging.structured.json.context.prefix", "ctx"),
                environment().withProperty("logging.structured.json.context.prefix", "ctx."),
                environment().withProperty("logging.structured.json.context.prefix", "c.t"),
                environment().withProperty("logging.structured.json.context.include", "false"),
                environment().withProperty("logging.structured.json.stacktrace.root", "first")
                        .withProperty("logging.structured.json.stacktrace.max-length", "300"),
                environment().withProperty("logging.structured.json.stacktrace.printer", "standard")
                        .withProperty("logging.structured.json.stacktrace.include-hashes", "true"),
                new MockEnvironment(), new MockEnvironment().withProperty("spring.application.name", "only-name"));
        for (MockEnvironment environment : environments) {
            Formatters formatters = formatters(environment);
            LoggingEvent event = new LoggingEvent(LeanEcsLogFormatterTest.class.getName(), LOGGERS.getLogger("ctx"),
                    Level.ERROR, "failed", new IllegalStateException("bad", new IOException("io")), null);
            prepare(event);
            event.getMDCPropertyMap().putAll(new HashMap<>(Map.of("trace.id", "t1", ".lead", "l")));
            pairs(event, "http.request.id", "r1", "url.path", "/p", "", "unnamed-with-prefix");
            assertSameLine(formatters, event);
            assertSameLine(formatters, accessLogEvent());
        }
    }

    @Test
    void leavesCustomisedMembersToSpringBoot() {
        List<MockEnvironment> environments = List.of(
                environment().withProperty("logging.structured.json.exclude", "log.logger,process"),
                environment().withProperty("logging.structured.json.include", "message,http"),
                environment().withProperty("logging.structured.json.rename.message", "msg"),
                environment().withProperty("logging.structured.json.add.deployment.region", "eu-1"));
        for (MockEnvironment environment : environments) {
            Formatters formatters = formatters(environment);
            LoggingEvent event = accessLogEvent();
            assertSameLine(formatters, event);
            assertThat(formatters.lean.format(event)).isNotEqualTo(formatters(environment()).lean.format(event));
        }
    }

    @Test
    void writesRandomEventsAsSpringBootDoes() {
        Formatters formatters = formatters(environment());
        AtomicInteger handedOver = countHandedOver(formatters.lean);
        Random random = new Random(20_250_304L);
        Level[] levels = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
        int failures = 0;
        for (int i = 0; i < 4000; i++) {
            Throwable throwable = random.nextInt(10) == 0 ? randomThrowable(random) : null;
            LoggingEvent event = new LoggingEvent(LeanEcsLogFormatterTest.class.getName(),
                    LOGGERS.getLogger("random"), levels[random.nextInt(levels.length)], randomText(random, 40),
                    throwable, null);
            prepare(event, randomText(random, 8));
            event.setLoggerName(randomText(random, 12));
            event.setInstant(Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), randomNanos(random)));
            Map<String, String> mdc = new HashMap<>();
            for (int m = random.nextInt(4); m > 0; m--) {
                mdc.put(randomKey(random), random.nextInt(8) == 0 ? null : randomText(random, 10));
            }
            event.getMDCPropertyMap().putAll(mdc);
            for (int p = random.nextInt(7); p > 0; p--) {
                event.addKeyValuePair(new KeyValuePair(randomKey(random), randomValue(random)));
            }
            if (random.nextInt(8) == 0) {
                Marker marker = MARKERS.getDetachedMarker(randomText(random, 6));
                if (random.nextBoolean()) {
                    marker.add(MARKERS.getDetachedMarker(randomText(random, 6)));
                }
                event.addMarker(marker);
            }
            failures += assertSameLine(formatters, event) ? 0 : 1;
        }
        System.out.printf("random events: %d of 4000 failed in both formatters, %d of about %d format calls were "
                + "handed to Spring Boot's formatter%n", failures, handedOver.get(), 4 * 4000);
        assertThat(failures).as("events Spring Boot's formatter fails on").isBetween(1, 600);
        assertThat(handedOver.get()).as("format calls handed to Spring Boot's formatter").isLessThan(4 * 4000 / 4);
    }

    /** Counts the calls the lean formatter hands to Spring Boot's, by wrapping the one it holds. */
    @SuppressWarnings("unchecked")
    private static AtomicInteger countHandedOver(StructuredLogFormatter<ILoggingEvent> lean) {
        try {
            Field field = LeanEcsLogFormatter.class.getDeclaredField("spring");
            field.setAccessible(true);
            StructuredLogFormatter<ILoggingEvent> spring = (StructuredLogFormatter<ILoggingEvent>) field.get(lean);
            AtomicInteger calls = new AtomicInteger();
            field.set(lean, new StructuredLogFormatter<ILoggingEvent>() {

                @Override
                public String format(ILoggingEvent event) {
                    calls.incrementAndGet();
                    return spring.format(event);
                }

                @Override
                public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
                    calls.incrementAndGet();
                    return spring.formatAsBytes(event, charset);
                }
            });
            return calls;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void formatsConcurrently() throws Exception {
        Formatters formatters = formatters(environment());
        List<LoggingEvent> events = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            LoggingEvent event = accessLogEvent();
            pairs(event, "n." + i, "x".repeat(i * 50));
            events.add(event);
        }
        List<String> expected = events.stream().map(formatters.spring::format).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                tasks.add(() -> {
                    for (int round = 0; round < 500; round++) {
                        int index = (round * 7 + offset) % events.size();
                        String line = new String(formatters.lean.formatAsBytes(events.get(index),
                                StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                        if (!line.equals(expected.get(index))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : threads.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void allocatesAFractionOfWhatSpringBootsFormatterDoesForAnAccessLogLine() {
        java.lang.management.ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        assumeThat(threadBean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) threadBean;
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        Formatters formatters = formatters(environment());
        LoggingEvent event = accessLogEvent();

        long spring = allocatedPerEvent(threads, () -> formatters.springEncoder.encode(event));
        long lean = allocatedPerEvent(threads, () -> formatters.leanEncoder.encode(event));
        long line = formatters.leanEncoder.encode(event).length;
        System.out.printf("access-log line of %d bytes, allocated per event: Spring Boot's ECS formatter %d bytes,"
                + " LeanEcsLogFormatter %d bytes%n", line, spring, lean);
        assertThat(lean).isLessThan(spring / 4);
    }

    private static long allocatedPerEvent(com.sun.management.ThreadMXBean threads, Supplier<byte[]> encode) {
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += encode.get().length;
        }
        int events = 10_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < events; i++) {
            sink += encode.get().length;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        return allocated / events;
    }

    /**
     * Asserts both formatters write the same line (as a string, as UTF-8 and Latin-1 bytes and through the encoder),
     * or fail the same way; returns whether they wrote one.
     */
    private static boolean assertSameLine(Formatters formatters, ILoggingEvent event) {
        String expected;
        try {
            expected = formatters.spring.format(event);
        } catch (RuntimeException failure) {
            assertThatThrownBy(() -> formatters.lean.format(event)).as("Spring Boot's formatter threw %s", failure)
                    .isExactlyInstanceOf(failure.getClass())
                    .satisfies(thrown -> assertThat(withoutIdentities(thrown)).isEqualTo(withoutIdentities(failure)));
            assertThatThrownBy(() -> formatters.leanEncoder.encode(event)).isExactlyInstanceOf(failure.getClass())
                    .satisfies(thrown -> assertThat(withoutIdentities(thrown)).isEqualTo(withoutIdentities(failure)));
            return false;
        }
        assertThat(formatters.lean.format(event)).isEqualTo(expected);
        assertSameBytes(formatters.lean.formatAsBytes(event, StandardCharsets.UTF_8),
                formatters.spring.formatAsBytes(event, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertSameBytes(formatters.lean.formatAsBytes(event, LATIN_1), formatters.spring.formatAsBytes(event, LATIN_1),
                LATIN_1);
        assertSameBytes(formatters.leanEncoder.encode(event), formatters.springEncoder.encode(event),
                StandardCharsets.UTF_8);
        return true;
    }

    /** The message, without the identity hash codes of the lambdas it may name. */
    private static String withoutIdentities(Throwable failure) {
        return String.valueOf(failure.getMessage()).replaceAll("@[0-9a-f]+", "@");
    }

    private static void assertSameBytes(byte[] actual, byte[] expected, Charset charset) {
        assertThat(new String(actual, charset)).isEqualTo(new String(expected, charset));
        assertThat(actual).isEqualTo(expected);
    }

    private static MockEnvironment environment() {
        return new MockEnvironment().withProperty("spring.application.name", "gateway")
                .withProperty("spring.application.pid", "4242")
                .withProperty("logging.structured.ecs.service.name", "fair\"bill-gateway")
                .withProperty("logging.structured.ecs.service.version", "1.2.3")
                .withProperty("logging.structured.ecs.service.environment", "prod")
                .withProperty("logging.structured.ecs.service.node-name", "node-\u00e9-1");
    }

    private record Formatters(StructuredLogEncoder springEncoder, StructuredLogEncoder leanEncoder,
            StructuredLogFormatter<ILoggingEvent> spring, StructuredLogFormatter<ILoggingEvent> lean) {
    }

    private static Formatters formatters(Environment environment) {
        StructuredLogEncoder springEncoder = encoder(environment, "ecs");
        StructuredLogEncoder leanEncoder = encoder(environment, LeanEcsLogFormatter.class.getName());
        StructuredLogFormatter<ILoggingEvent> lean = formatter(leanEncoder);
        assertThat(lean).isInstanceOf(LeanEcsLogFormatter.class);
        return new Formatters(springEncoder, leanEncoder, formatter(springEncoder), lean);
    }

    /** As Spring Boot's structured console appender builds it. */
    private static StructuredLogEncoder encoder(Environment environment, String format) {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    @SuppressWarnings("unchecked")
    private static StructuredLogFormatter<ILoggingEvent> formatter(StructuredLogEncoder encoder) {
        try {
            Field formatter = StructuredLogEncoder.class.getDeclaredField("formatter");
            formatter.setAccessible(true);
            return (StructuredLogFormatter<ILoggingEvent>) formatter.get(encoder);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The line {@code RequestLogFilter} writes for one request. */
    private static LoggingEvent accessLogEvent() {
        LoggingEvent event = threadEvent("tomcat-handler-7", "dev.fairbill.gateway.access", Level.INFO,
                "{} {} {} {} ms", "GET", "/api/v1/accounts/acct_42", 200, 12L);
        pairs(event, "http.request.id", "req_0Q9x", "http.request.method", "GET", "url.path",
                "/api/v1/accounts/acct_42", "http.response.status_code", 200, "event.duration", 12_345_678L,
                "fairbill.key_id", "key_7", "fairbill.tenant", "ten_1");
        return event;
    }

    private static LoggingEvent event(String logger, Level level, String message, Object... arguments) {
        return threadEvent("main", logger, level, message, arguments);
    }

    private static LoggingEvent threadEvent(String thread, String logger, Level level, String message,
            Object... arguments) {
        LoggingEvent event = new LoggingEvent(LeanEcsLogFormatterTest.class.getName(), LOGGERS.getLogger(logger),
                level, message, null, arguments.length == 0 ? null : arguments);
        prepare(event, thread);
        return event;
    }

    private static void prepare(LoggingEvent event) {
        prepare(event, "main");
    }

    private static void prepare(LoggingEvent event, String thread) {
        event.setInstant(AT);
        event.setThreadName(thread);
        event.setMDCPropertyMap(new HashMap<>());
    }

    private static void pairs(LoggingEvent event, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            event.addKeyValuePair(new KeyValuePair((String) namesAndValues[i], namesAndValues[i + 1]));
        }
    }

    private static String randomText(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(TRICKY[random.nextInt(TRICKY.length)]);
        }
        return text.toString();
    }

    /**
     * A dotted key; keys with the same first segment have as many segments, so that they share prefixes without
     * colliding, except for the few awkward or random segments.
     */
    private static String randomKey(Random random) {
        int first = random.nextInt(SEGMENTS.length);
        StringBuilder key = new StringBuilder(randomSegment(random, SEGMENTS[first]));
        for (int more = first % 3; more > 0; more--) {
            key.append('.').append(randomSegment(random, SEGMENTS[random.nextInt(SEGMENTS.length)]));
        }
        if (random.nextBoolean()) {
            key.append(random.nextInt(10));
        }
        if (random.nextInt(100) == 0) {
            key.append('.');
        }
        return key.toString();
    }

    private static String randomSegment(Random random, String usual) {
        int kind = random.nextInt(60);
        if (kind < 2) {
            return randomText(random, 3);
        }
        return kind == 2 ? AWKWARD_SEGMENTS[random.nextInt(AWKWARD_SEGMENTS.length)] : usual;
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextBoolean();
            case 4 -> random.nextDouble() * 1e6;
            case 5 -> new BigDecimal(random.nextInt(100_000)).movePointLeft(2);
            case 6 -> new UUID(random.nextLong(), random.nextLong());
            case 7 -> TimeUnit.values()[random.nextInt(TimeUnit.values().length)];
            case 8 -> random.nextInt(30) == 0 ? List.of(1, "x") : (short) random.nextInt(100);
            case 9 -> random.nextInt(30) == 0 ? Map.of("k", "v") : new StringBuilder(randomText(random, 5));
            default -> randomText(random, 20);
        };
    }

    private static int randomNanos(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    private static Throwable randomThrowable(Random random) {
        Throwable cause = random.nextBoolean() ? new IOException(randomText(random, 10)) : null;
        Throwable throwable = random.nextBoolean() ? new IllegalStateException(randomText(random, 20), cause)
                : new Nested(random.nextBoolean() ? null : randomText(random, 10));
        if (random.nextInt(3) == 0) {
            throwable.addSuppressed(new UnsupportedOperationException(randomText(random, 5)));
        }
        return throwable;
    }

    static final class Nested extends RuntimeException {

        Nested(String message) {
            super(message);
        }
    }
}
