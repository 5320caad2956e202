package dev.fairbill.platform.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.fairbill.platform.axon.naming.StoredAs;

/**
 * The layout every service keeps, checked by ArchUnit on its main classes (docs/architecture.md). Under
 * {@code dev.fairbill.<service>} a service has:
 * <ul>
 * <li>one package per aggregate, holding the aggregate, its commands, its events and its rule violations;</li>
 * <li>domain packages without an aggregate (identifiers shared by aggregates, a policy engine, a catalog);</li>
 * <li>the same standard packages in every service: {@code process} (event → command), {@code saga}, {@code query}
 * (projections and views), {@code web}, {@code messaging} (Kafka in and out) and {@code config};</li>
 * <li>adapters of its own to the world outside (payment processors and their webhooks).</li>
 * </ul>
 * Each service's {@code ArchitectureTest} extends this with its packages.
 */
public abstract class ArchitectureRules {

    /** The packages beside the domain that every service names the same way. */
    public static final List<String> STANDARD = List.of("process", "saga", "query", "web", "messaging", "config");

    private static final List<String> SERVICES = List.of("billing", "ledger", "refund");

    private final String service;
    private final Map<String, String> aggregates;
    private final List<String> domain;
    private final List<String> adapters;
    private final JavaClasses classes;

    /**
     * @param aggregates each aggregate's package (relative to the service's) and the simple name of its class
     * @param domain     domain packages without an aggregate
     * @param adapters   the service's own packages that talk to systems outside the suite
     */
    protected ArchitectureRules(String service, Map<String, String> aggregates, List<String> domain,
                                List<String> adapters) {
        this.service = service;
        this.aggregates = Map.copyOf(aggregates);
        this.domain = List.copyOf(domain);
        this.adapters = List.copyOf(adapters);
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base());
    }

    /** Every class lives in an aggregate's package, a domain package, a standard package or a declared adapter. */
    @Test
    void everyClassLivesInAPackageOfTheLayout() {
        List<String> packages = new ArrayList<>();
        Stream.of(aggregates.keySet().stream(), domain.stream(), STANDARD.stream(), adapters.stream())
                .flatMap(names -> names).forEach(name -> packages.add(base() + "." + name + ".."));
        classes().that().resideOutsideOfPackage(base())
                .should().resideInAnyPackage(packages.toArray(String[]::new))
                .check(classes);
    }

    /** Each aggregate sits in its own package, the one declared for it, and no other aggregate shares it. */
    @Test
    void eachAggregateHasAPackageOfItsOwn() {
        Map<String, String> found = new java.util.TreeMap<>();
        for (JavaClass type : classes) {
            if (type.isAnnotatedWith(Aggregate.class)) {
                String relative = type.getPackageName().substring(base().length() + 1);
                assertThat(found.put(relative, type.getSimpleName())).as("a second aggregate in " + relative)
                        .isNull();
            }
        }
        assertThat(found).isEqualTo(new java.util.TreeMap<>(aggregates));
    }

    /**
     * The domain never reads projections, never answers HTTP, never talks to Kafka or a payment processor and never
     * waits on a process or saga: it decides, and the layers around it carry the decision out.
     */
    @Test
    void theDomainDependsOnNoLayerAroundIt() {
        List<String> around = new ArrayList<>();
        Stream.concat(STANDARD.stream(), adapters.stream()).forEach(name -> around.add(base() + "." + name + ".."));
        around.addAll(List.of("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                "dev.fairbill.platform.web..", "org.springframework.kafka..", "org.apache.kafka.."));
        noClasses().that().resideInAnyPackage(domainPackages())
                .should().dependOnClassesThat().resideInAnyPackage(around.toArray(String[]::new))
                .check(classes);
    }

    /**
     * What is stored (events, snapshots, deadline payloads) lives beside the aggregate that records it, and sagas in
     * the saga package, so that a stored stream's types are found where its aggregate is.
     */
    @Test
    void storedTypesLiveBesideTheirAggregateOrSaga() {
        List<String> homes = new ArrayList<>();
        aggregates.keySet().forEach(name -> homes.add(base() + "." + name + ".."));
        homes.add(base() + ".saga..");
        classes().that().areAnnotatedWith(StoredAs.class).should().resideInAnyPackage(homes.toArray(String[]::new))
                .check(classes);
        classes().that().containAnyMethodsThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "handle saga events", method -> method.isAnnotatedWith(SagaEventHandler.class)))
                .should().resideInAPackage(base() + ".saga..").allowEmptyShould(true).check(classes);
    }

    /** No two packages of the service depend on each other, directly or through others. */
    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching(base() + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** A service never uses another service's classes: they share only contracts and platform. */
    @Test
    void noOtherServiceIsImported() {
        String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                .map(other -> "dev.fairbill." + other + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }

    private String[] domainPackages() {
        return Stream.concat(aggregates.keySet().stream(), domain.stream())
                .map(name -> base() + "." + name + "..").toArray(String[]::new);
    }

    private String base() {
        return "dev.fairbill." + service;
    }
}
