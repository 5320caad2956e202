package dev.fairbill.platform.axon.naming;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The stable names of a service's stored types ({@link StoredAs}), and the class names under which they were stored
 * before (each service's {@value #HISTORY} files: {@code <former class name>=<stable name>}). A type without a stable
 * name is stored, as Axon does, under its class name.
 */
public final class StoredTypes {

    /** Where each module lists the class names its stored types had before they were stored under stable names. */
    public static final String HISTORY = "META-INF/fairbill/stored-type-history.properties";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\.[A-Z][A-Za-z0-9]*");

    private final Map<Class<?>, String> namesByClass;
    private final Map<String, Class<?>> classesByName;
    private final Map<String, String> formerNames;

    private StoredTypes(Map<Class<?>, String> namesByClass, Map<String, String> formerNames) {
        this.namesByClass = Map.copyOf(namesByClass);
        Map<String, Class<?>> byName = new HashMap<>();
        namesByClass.forEach((type, name) -> {
            Class<?> other = byName.putIfAbsent(name, type);
            if (other != null) {
                throw new IllegalStateException("Two stored types share the name " + name + ": " + other.getName()
                        + " and " + type.getName());
            }
        });
        this.classesByName = Map.copyOf(byName);
        formerNames.forEach((former, name) -> {
            if (!classesByName.containsKey(name)) {
                throw new IllegalStateException(HISTORY + " maps " + former + " to " + name
                        + ", which no class is stored as");
            }
        });
        this.formerNames = Map.copyOf(formerNames);
    }

    /** The stored types of the classes under {@code basePackages}, with the history files on the class path. */
    public static StoredTypes scan(ClassLoader classLoader, Collection<String> basePackages) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(StoredAs.class));
        Map<Class<?>, String> names = new HashMap<>();
        for (String basePackage : basePackages) {
            scanner.findCandidateComponents(basePackage).forEach(candidate -> {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
                names.put(type, type.getAnnotation(StoredAs.class).value());
            });
        }
        return of(names, history(classLoader));
    }

    /** The given stored types; every name must be well formed and unique, every former name must map to one. */
    public static StoredTypes of(Map<Class<?>, String> names, Map<String, String> formerNames) {
        names.forEach((type, name) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(type.getName() + " is stored as '" + name
                        + "', which is not of the form <service>.<Name>");
            }
        });
        return new StoredTypes(names, formerNames);
    }

    /** The stable name of {@code type}, if it has one. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(namesByClass.get(type));
    }

    /**
     * The class name to load for a stored type name: the class stored under that stable name, the class a former
     * class name now has, or else the name itself (a type stored under its class name).
     */
    public String classNameFor(String storedName) {
        Class<?> type = classesByName.get(storedName);
        if (type == null) {
            String name = formerNames.get(storedName);
            type = name == null ? null : classesByName.get(name);
        }
        return type == null ? storedName : type.getName();
    }

    /** Every stable name with its class, sorted by name. */
    public Map<String, Class<?>> byName() {
        return new TreeMap<>(classesByName);
    }

    private static Map<String, String> history(ClassLoader classLoader) {
        Map<String, String> formerNames = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver(classLoader)
                    .getResources("classpath*:" + HISTORY)) {
                var properties = new Properties();
                try (InputStream in = resource.getInputStream()) {
                    properties.load(in);
                }
                properties.stringPropertyNames().forEach(former ->
                        formerNames.put(former, properties.getProperty(former)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HISTORY, e);
        }
        return formerNames;
    }
}
