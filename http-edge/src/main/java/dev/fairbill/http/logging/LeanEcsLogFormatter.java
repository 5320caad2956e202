package dev.fairbill.http.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.WritableJson;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

/**
 * Writes the line of Spring Boot's Elastic Common Schema format ({@code logging.structured.format.console=ecs}) for
 * a Logback event, byte for byte the same, but straight into a reused buffer. Spring Boot's own formatter builds every
 * line through its JSON writer, which allocated 40-50 KB for one access-log line of the gateway: the writer's buffers
 * and, to nest dotted keys of MDC entries and key-value pairs ({@code http.request.id}) into JSON objects, a tree of
 * maps built per event. This formatter nests those keys by comparing their prefixes in place, escapes strings by hand
 * exactly as the JSON writer does (quote, backslash, the two-character escapes and a six-character one for every
 * other ISO control character, nothing else) and encodes UTF-8 itself; a line costs little more than the returned
 * string or bytes.
 * <p>
 * Spring Boot's formatter, built with the same arguments, still writes what this one does not reproduce cheaply: an
 * event whose keys collide (a key given twice, a key that is both a value and the parent of another, a top-level key
 * that is also one of the line's own members), have an empty segment or nest deeper than the JSON writer allows, or
 * whose values are maps, collections, arrays or {@link WritableJson}. Spring Boot's formatter fails on most of those,
 * and so the event fails the same way. It also writes every event when the members of the line are customised
 * ({@code logging.structured.json.include}, {@code exclude}, {@code rename}, {@code add} or {@code customizer}, or a
 * {@link StructuredLoggingJsonMembersCustomizer} in {@code spring.factories}).
 * <p>
 * Spring Boot instantiates it when {@code logging.structured.format.console} (or {@code .file}) names this class,
 * passing the constructor's arguments.
 */
public final class LeanEcsLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final String SPRING_ECS_FORMATTER =
            "org.springframework.boot.logging.logback.ElasticCommonSchemaStructuredLogFormatter";
    private static final String JSON_PROPERTIES = "logging.structured.json.";
    private static final String FACTORIES = "META-INF/spring.factories";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** The JSON writer refuses objects nested deeper than this; a key this long may have that many dots. */
    private static final int MAX_KEY_LENGTH = 500;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants written here; others as {@link Instant#toString}. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** Buffers that grew larger for one event (a long stack trace) are dropped rather than kept. */
    private static final int MAX_RETAINED_CHARS = 16 * 1024;
    private static final int PROBES = 4;

    private final StructuredLogFormatter<ILoggingEvent> spring;
    private final boolean customized;
    private final StackTracePrinter stackTracePrinter;
    private final ThrowableProxyConverter throwableProxyConverter;
    private final boolean includeContext;
    private final String contextPrefix;
    private final String processStart;
    private final String service;
    private final AtomicReferenceArray<Scratch> pool;
    private final int poolMask;

    public LeanEcsLogFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        this.spring = springFormatter(environment, stackTracePrinter, contextPairs, throwableProxyConverter,
                customizerBuilder);
        this.customized = customized(environment);
        this.stackTracePrinter = stackTracePrinter;
        this.throwableProxyConverter = throwableProxyConverter;
        Binder binder = Binder.get(environment);
        this.includeContext = binder.bind(JSON_PROPERTIES + "context.include", Boolean.class).orElse(true);
        this.contextPrefix = binder.bind(JSON_PROPERTIES + "context.prefix", String.class).orElse("");
        this.processStart = processStart(environment.getProperty("spring.application.pid", Long.class));
        this.service = service(ElasticCommonSchemaProperties.get(environment).service());
        int slots = Integer.highestOneBit(Math.min(64, Math.max(2, Runtime.getRuntime().availableProcessors() * 2)));
        this.pool = new AtomicReferenceArray<>(slots);
        this.poolMask = slots - 1;
    }

    @Override
    public String format(ILoggingEvent event) {
        Scratch scratch = acquire();
        try {
            if (!write(event, scratch)) {
                return spring.format(event);
            }
            return scratch.text.toString();
        } finally {
            release(scratch);
        }
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        Scratch scratch = acquire();
        try {
            if (!write(event, scratch)) {
                return spring.formatAsBytes(event, charset);
            }
            if (StandardCharsets.UTF_8.equals(charset)) {
                return scratch.utf8();
            }
            return encode(scratch.text, charset);
        } finally {
            release(scratch);
        }
    }

    /** Writes the line into the scratch's text, or returns false when Spring Boot's formatter is to write it. */
    private boolean write(ILoggingEvent event, Scratch scratch) {
        if (customized || !collectPairs(event, scratch) || !pairsWritable(event, scratch)) {
            return false;
        }
        StringBuilder out = scratch.text;
        out.append("{\"@timestamp\":");
        writeInstant(out, event.getInstant());
        out.append(",\"log\":{\"level\":");
        writeNullable(out, event.getLevel());
        out.append(",\"logger\":");
        writeNullable(out, event.getLoggerName());
        out.append("},").append(processStart);
        writeNullable(out, event.getThreadName());
        out.append("}},").append(service).append(",\"message\":");
        writeNullable(out, event.getFormattedMessage());
        if (scratch.count > 0) {
            writeLevel(out, scratch, 0, 0, true);
        }
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            out.append(",\"error\":{\"type\":");
            writeNullable(out, throwable.getClassName());
            out.append(",\"message\":");
            writeNullable(out, throwable.getMessage());
            out.append(",\"stack_trace\":");
            writeNullable(out, stackTrace(event));
            out.append('}');
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            writeTags(out, markers);
        }
        out.append(",\"ecs\":{\"version\":\"8.11\"}}\n");
        return true;
    }

    private boolean collectPairs(ILoggingEvent event, Scratch scratch) {
        if (!includeContext) {
            return true;
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null) {
            return false;
        }
        if (!mdc.isEmpty()) {
            mdc.forEach(scratch);
        }
        List<KeyValuePair> keyValuePairs = event.getKeyValuePairs();
        if (keyValuePairs != null) {
            if (keyValuePairs instanceof RandomAccess) {
                for (int i = 0, size = keyValuePairs.size(); i < size; i++) {
                    KeyValuePair pair = keyValuePairs.get(i);
                    scratch.add(pair.key, pair.value);
                }
            } else {
                for (KeyValuePair pair : keyValuePairs) {
                    scratch.add(pair.key, pair.value);
                }
            }
        }
        return true;
    }

    /**
     * Whether the pairs can be written here: Spring Boot nests them in a tree of maps, failing on a key given twice or
     * both a value and a parent, and writes the line's members into one object, failing on a name written twice.
     */
    private static boolean pairsWritable(ILoggingEvent event, Scratch scratch) {
        String[] names = scratch.names;
        for (int i = 0; i < scratch.count; i++) {
            String name = names[i];
            int length = name.length();
            if (length > MAX_KEY_LENGTH || hasEmptySegment(name) || !writable(scratch.values[i])
                    || isLineMember(event, name)) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (isSameOrParent(names[j], name) || isSameOrParent(name, names[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Spring Boot drops the empty segments at the end of a name, writes the others as members named "" but fails on
     * those when any {@code logging.structured.json} property is set.
     */
    private static boolean hasEmptySegment(String name) {
        return name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.' || name.contains("..");
    }

    private static boolean isSameOrParent(String parent, String name) {
        int length = parent.length();
        return name.startsWith(parent) && (name.length() == length || name.charAt(length) == '.');
    }

    private static boolean writable(Object value) {
        return value == null || value instanceof String
                || !(value instanceof WritableJson || (value instanceof Iterable && !(value instanceof Path))
                        || value.getClass().isArray() || value instanceof Map);
    }

    private static boolean isLineMember(ILoggingEvent event, String name) {
        int dot = name.indexOf('.');
        int end = dot < 0 ? name.length() : dot;
        return is(name, end, "@timestamp") || is(name, end, "log") || is(name, end, "process")
                || is(name, end, "service") || is(name, end, "message") || is(name, end, "ecs")
                || (is(name, end, "error") && event.getThrowableProxy() != null)
                || (is(name, end, "tags") && event.getMarkerList() != null && !event.getMarkerList().isEmpty());
    }

    private static boolean is(String name, int end, String member) {
        return end == member.length() && name.startsWith(member);
    }

    /**
     * Writes the members whose names start with the first {@code start} characters of the pair {@code lead}'s name:
     * each segment up to the next dot once, in the order the pairs first name it, a value or an object of the pairs
     * below it. These are the JSON objects Spring Boot builds as nested insertion-ordered maps.
     */
    private static void writeLevel(StringBuilder out, Scratch scratch, int lead, int start, boolean comma) {
        String[] names = scratch.names;
        String prefix = names[lead];
        boolean first = !comma;
        for (int i = lead; i < scratch.count; i++) {
            String name = names[i];
            if (scratch.done[i] || (start > 0 && !name.regionMatches(0, prefix, 0, start))) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            int dot = name.indexOf('.', start);
            if (dot < 0) {
                writeString(out, name, start, name.length());
                out.append(':');
                writeValue(out, scratch.values[i]);
                scratch.done[i] = true;
            } else {
                writeString(out, name, start, dot);
                out.append(":{");
                writeLevel(out, scratch, i, dot + 1, false);
                out.append('}');
            }
        }
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String string) {
            writeString(out, string, 0, string.length());
        } else if (value instanceof Integer number) {
            out.append(number.intValue());
        } else if (value instanceof Long number) {
            out.append(number.longValue());
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Number) {
            out.append(value.toString());
        } else {
            String string = value.toString();
            writeString(out, string, 0, string.length());
        }
    }

    private static void writeNullable(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else {
            String string = value.toString();
            writeString(out, string, 0, string.length());
        }
    }

    /** A JSON string as Spring Boot's JSON writer escapes it. */
    static void writeString(StringBuilder out, String string, int from, int to) {
        out.append('"');
        int plain = from;
        for (int i = from; i < to; i++) {
            char ch = string.charAt(i);
            if (ch >= 0x20 && ch != '"' && ch != '\\' && (ch < 0x7F || ch > 0x9F)) {
                continue;
            }
            out.append(string, plain, i);
            plain = i + 1;
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u").append(HEX[ch >> 12 & 0xF]).append(HEX[ch >> 8 & 0xF])
                        .append(HEX[ch >> 4 & 0xF]).append(HEX[ch & 0xF]);
            }
        }
        out.append(string, plain, to);
        out.append('"');
    }

    /** {@link Instant#toString()} as a JSON string, without its formatter. */
    static void writeInstant(StringBuilder out, Instant instant) {
        if (instant == null) {
            out.append("null");
            return;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            out.append('"').append(instant).append('"');
            return;
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        out.append('"');
        digits(out, year, 4);
        out.append('-');
        digits(out, month, 2);
        out.append('-');
        digits(out, day, 2);
        out.append('T');
        digits(out, secondOfDay / 3600, 2);
        out.append(':');
        digits(out, secondOfDay / 60 % 60, 2);
        out.append(':');
        digits(out, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(out, nanos / 1000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        out.append("Z\"");
    }

    private static void digits(StringBuilder out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private String stackTrace(ILoggingEvent event) {
        if (stackTracePrinter != null) {
            IThrowableProxy throwableProxy = event.getThrowableProxy();
            if (!(throwableProxy instanceof ThrowableProxy proxy)) {
                throw new IllegalStateException("Instance must be a ThrowableProxy in order to print exception");
            }
            return stackTracePrinter.printStackTraceToString(proxy.getThrowable());
        }
        return throwableProxyConverter.convert(event);
    }

    private static void writeTags(StringBuilder out, List<Marker> markers) {
        Set<String> names = new TreeSet<>();
        addMarkers(names, markers.iterator());
        if (names.isEmpty()) {
            return;
        }
        out.append(",\"tags\":[");
        boolean first = true;
        for (String name : names) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, name, 0, name.length());
        }
        out.append(']');
    }

    private static void addMarkers(Set<String> names, Iterator<Marker> markers) {
        while (markers.hasNext()) {
            Marker marker = markers.next();
            names.add(marker.getName());
            if (marker.hasReferences()) {
                addMarkers(names, marker.iterator());
            }
        }
    }

    private static String processStart(Long pid) {
        String thread = "\"thread\":{\"name\":";
        return pid != null ? "\"process\":{\"pid\":" + pid + "," + thread : "\"process\":{" + thread;
    }

    private static String service(ElasticCommonSchemaProperties.Service service) {
        StringBuilder out = new StringBuilder("\"service\":{");
        int members = 0;
        members = member(out, members, "name", service.name());
        members = member(out, members, "version", service.version());
        members = member(out, members, "environment", service.environment());
        if (members > 0) {
            out.append(',');
        }
        out.append("\"node\":{");
        member(out, 0, "name", service.nodeName());
        return out.append("}}").toString();
    }

    private static int member(StringBuilder out, int members, String name, String value) {
        if (!StringUtils.hasLength(value)) {
            return members;
        }
        if (members > 0) {
            out.append(',');
        }
        writeString(out, name, 0, name.length());
        out.append(':');
        writeString(out, value, 0, value.length());
        return members + 1;
    }

    private static byte[] encode(CharSequence text, Charset charset) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 16)) {
            Writer writer = new OutputStreamWriter(bytes, charset);
            writer.append(text);
            writer.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static StructuredLogFormatter<ILoggingEvent> springFormatter(Environment environment,
            StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        try {
            Constructor<?> constructor = Class.forName(SPRING_ECS_FORMATTER, true,
                    StructuredLogFormatter.class.getClassLoader()).getDeclaredConstructor(Environment.class,
                            StackTracePrinter.class, ContextPairs.class, ThrowableProxyConverter.class,
                            StructuredLoggingJsonMembersCustomizer.Builder.class);
            constructor.setAccessible(true);
            return (StructuredLogFormatter<ILoggingEvent>) constructor.newInstance(environment, stackTracePrinter,
                    contextPairs, throwableProxyConverter, customizerBuilder);
        } catch (InvocationTargetException ex) {
            throw new IllegalStateException("Spring Boot's ECS formatter failed to start", ex.getCause());
        } catch (ReflectiveOperationException | RuntimeException ex) {
            throw new IllegalStateException("Cannot create Spring Boot's ECS formatter " + SPRING_ECS_FORMATTER
                    + ", which LeanEcsLogFormatter is written against; set logging.structured.format.console=ecs",
                    ex);
        }
    }

    /** Whether the members of the line are customised, which Spring Boot's formatter then applies to every event. */
    private static boolean customized(Environment environment) {
        Binder binder = Binder.get(environment);
        for (String name : List.of("include", "exclude", "customizer")) {
            if (!binder.bind(JSON_PROPERTIES + name, Bindable.setOf(String.class)).orElse(Set.of()).isEmpty()) {
                return true;
            }
        }
        for (String name : List.of("rename", "add")) {
            if (!binder.bind(JSON_PROPERTIES + name, Bindable.mapOf(String.class, String.class)).orElse(Map.of())
                    .isEmpty()) {
                return true;
            }
        }
        return hasFactoriesCustomizer();
    }

    private static boolean hasFactoriesCustomizer() {
        ClassLoader classLoader = SpringFactoriesLoader.class.getClassLoader();
        try {
            Enumeration<URL> resources = classLoader != null ? classLoader.getResources(FACTORIES)
                    : ClassLoader.getSystemResources(FACTORIES);
            while (resources.hasMoreElements()) {
                Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(resources.nextElement()));
                String customizers = factories.getProperty(StructuredLoggingJsonMembersCustomizer.class.getName());
                if (StringUtils.hasText(customizers)) {
                    return true;
                }
            }
            return false;
        } catch (IOException ex) {
            return true;
        }
    }

    private Scratch acquire() {
        int start = probe();
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & poolMask;
            Scratch scratch = pool.get(slot);
            if (scratch != null && pool.compareAndSet(slot, scratch, null)) {
                return scratch;
            }
        }
        return new Scratch(contextPrefix);
    }

    private void release(Scratch scratch) {
        if (!scratch.reset()) {
            return;
        }
        int start = probe();
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & poolMask;
            if (pool.get(slot) == null && pool.compareAndSet(slot, null, scratch)) {
                return;
            }
        }
    }

    /**
     * Where a thread starts looking for a free buffer. A small shared pool rather than a buffer per thread: requests
     * run on virtual threads, one per request, which would each allocate their own.
     */
    private static int probe() {
        int hash = System.identityHashCode(Thread.currentThread());
        return hash ^ (hash >>> 16);
    }

    /** One event's working memory: the line's text, its UTF-8 bytes and the MDC entries and key-value pairs. */
    private static final class Scratch implements BiConsumer<String, String> {

        final StringBuilder text = new StringBuilder(1024);
        private final String prefix;
        private byte[] bytes = new byte[1024];
        String[] names = new String[16];
        Object[] values = new Object[16];
        boolean[] done = new boolean[16];
        int count;

        Scratch(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void accept(String name, String value) {
            add(name, value);
        }

        /** Adds a pair named as Spring Boot's context pairs name it (joined to the prefix); drops an unnamed one. */
        void add(String name, Object value) {
            String joined = join(name != null ? name : "");
            if (joined.isEmpty()) {
                return;
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
                done = Arrays.copyOf(done, count * 2);
            }
            names[count] = joined;
            values[count] = value;
            done[count] = false;
            count++;
        }

        private String join(String name) {
            if (prefix.isEmpty()) {
                return name;
            }
            boolean delimit = !prefix.endsWith(".") && !name.startsWith(".");
            return delimit ? prefix + "." + name : prefix + name;
        }

        /** The text in UTF-8 as {@link OutputStreamWriter} writes it, with '?' for a lone surrogate. */
        byte[] utf8() {
            int length = text.length();
            if (bytes.length < length * 3) {
                bytes = new byte[length * 3];
            }
            byte[] out = bytes;
            int position = 0;
            for (int i = 0; i < length; i++) {
                char ch = text.charAt(i);
                if (ch < 0x80) {
                    out[position++] = (byte) ch;
                } else if (ch < 0x800) {
                    out[position++] = (byte) (0xC0 | ch >> 6);
                    out[position++] = (byte) (0x80 | ch & 0x3F);
                } else if (Character.isSurrogate(ch)) {
                    boolean pair = Character.isHighSurrogate(ch) && i + 1 < length
                            && Character.isLowSurrogate(text.charAt(i + 1));
                    if (pair) {
                        int codePoint = Character.toCodePoint(ch, text.charAt(++i));
                        out[position++] = (byte) (0xF0 | codePoint >> 18);
                        out[position++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                        out[position++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                        out[position++] = (byte) (0x80 | codePoint & 0x3F);
                    } else {
                        out[position++] = '?';
                    }
                } else {
                    out[position++] = (byte) (0xE0 | ch >> 12);
                    out[position++] = (byte) (0x80 | ch >> 6 & 0x3F);
                    out[position++] = (byte) (0x80 | ch & 0x3F);
                }
            }
            return Arrays.copyOf(out, position);
        }

        /** Forgets the event; false if the buffers grew too large to keep. */
        boolean reset() {
            Arrays.fill(values, 0, count, null);
            Arrays.fill(names, 0, count, null);
            count = 0;
            text.setLength(0);
            return text.capacity() <= MAX_RETAINED_CHARS && bytes.length <= 3 * MAX_RETAINED_CHARS
                    && names.length <= 256;
        }
    }
}
