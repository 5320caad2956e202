package dev.fairbill.platform.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layout every service keeps, checked by ArchUnit on its main classes: each service's {@code ArchitectureTest}
 * extends this with its name.
 */
public abstract class ArchitectureRules {

    private static final List<String> SERVICES = List.of("billing", "ledger", "refund");

    private final String service;
    private final JavaClasses classes;

    protected ArchitectureRules(String service) {
        this.service = service;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base());
    }

    /** No two packages of the service depend on each other, directly or through others. */
    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching(base() + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** The aggregates' package never reads projections, never answers HTTP and never talks to Kafka itself. */
    @Test
    void aggregatesNeverImportQueryWebOrMessaging() {
        noClasses().that().resideInAPackage(base() + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage(base() + ".query..", base() + ".web..", base() + ".messaging..")
                .check(classes);
    }

    /** A service never uses another service's classes: they share only contracts and platform. */
    @Test
    void noOtherServiceIsImported() {
        String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                .map(other -> "dev.fairbill." + other + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }

    private String base() {
        return "dev.fairbill." + service;
    }
}
