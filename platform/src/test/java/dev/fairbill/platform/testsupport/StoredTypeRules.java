package dev.fairbill.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.axon.naming.StoredTypeSerializer;
import dev.fairbill.platform.axon.naming.StoredTypes;

/** What each service's stored types keep: a stable name for everything stored, readable under its former names. */
public final class StoredTypeRules {

    private StoredTypeRules() {
    }

    /** Events ({@code @Revision}), aggregates (their snapshots) and sagas under {@code basePackage} with no name. */
    public static List<String> storedTypesWithoutAStableName(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        for (Class<? extends Annotation> stored : List.of(Revision.class, Aggregate.class, Saga.class)) {
            scanner.addIncludeFilter(new AnnotationTypeFilter(stored));
        }
        return scanner.findCandidateComponents(basePackage).stream()
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
                .filter(type -> !type.isAnnotationPresent(StoredAs.class))
                .map(Class::getName).sorted().toList();
    }

    /**
     * Every event ({@code @Revision}), aggregate (its snapshots) and saga under {@code basePackage} has a stable name,
     * and every name is {@code <service>.<Name>}.
     */
    public static void assertEveryStoredTypeIsNamedWithin(String basePackage, String service) {
        assertThat(storedTypesWithoutAStableName(basePackage)).isEmpty();
        assertThat(storedTypes(basePackage).keySet()).isNotEmpty().allMatch(name -> name.startsWith(service + "."));
    }

    /**
     * Every former class name of the history file reads as the class that had it (while that class name still
     * exists) or as the class now stored under its stable name (once the class has moved).
     */
    public static void assertFormerNamesReadAsTheirClasses(String basePackage) {
        Map<String, String> history = history();
        Map<String, Class<?>> byName = storedTypes(basePackage);
        ClassLoader classLoader = StoredTypeRules.class.getClassLoader();
        Map<String, Class<?>> expected = new TreeMap<>();
        history.forEach((former, name) -> expected.put(former, ClassUtils.isPresent(former, classLoader)
                ? ClassUtils.resolveClassName(former, classLoader) : byName.get(name)));

        assertThat(history).isNotEmpty();
        assertThat(formerNamesAsRead(basePackage, history)).isEqualTo(expected).doesNotContainValue(null);
    }

    /** At most this many fields per stored event: more, and the event repeats what belongs in a value. */
    public static final int MOST_FIELDS = 9;

    /**
     * Every stored event under {@code basePackage} keeps its values as values: none has more than
     * {@value #MOST_FIELDS} fields.
     */
    public static void assertStoredEventsKeepTheirValuesAsValues(String basePackage) {
        Map<String, Integer> tooLarge = new TreeMap<>();
        storedTypes(basePackage).forEach((name, type) -> {
            if (type.isRecord() && type.getRecordComponents().length > MOST_FIELDS) {
                tooLarge.put(name, type.getRecordComponents().length);
            }
        });
        assertThat(storedTypes(basePackage).values()).anyMatch(Class::isRecord);
        assertThat(tooLarge).as("stored events with more than %d fields", MOST_FIELDS).isEmpty();
    }

    /** Every stable name under {@code basePackage} with the class stored under it. */
    public static Map<String, Class<?>> storedTypes(String basePackage) {
        return StoredTypes.scan(StoredTypeRules.class.getClassLoader(), List.of(basePackage)).byName();
    }

    /**
     * The class each former name of the service's history file is read as, by the service's serializer: what a stream
     * written under those names loads as today.
     */
    public static Map<String, Class<?>> formerNamesAsRead(String basePackage, Map<String, String> history) {
        var serializer = new StoredTypeSerializer(Jackson3Serializer.builder().build(),
                StoredTypes.scan(StoredTypeRules.class.getClassLoader(), List.of(basePackage)));
        Map<String, Class<?>> read = new TreeMap<>();
        history.keySet().forEach(former -> read.put(former,
                serializer.classForType(new SimpleSerializedType(former, null))));
        return read;
    }

    /** The former names of the history file on the class path: former class name to stable name. */
    public static Map<String, String> history() {
        var properties = new Properties();
        try (InputStream in = StoredTypeRules.class.getClassLoader().getResourceAsStream(StoredTypes.HISTORY)) {
            if (in == null) {
                throw new IllegalStateException(StoredTypes.HISTORY + " is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> history = new TreeMap<>();
        properties.stringPropertyNames().forEach(former -> history.put(former, properties.getProperty(former)));
        return history;
    }
}
