package dev.fairbill.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ContractsArchitectureTest {

    /** What crosses the wire is plain records: any service, or a client in another stack, can take them as they are. */
    @Test
    void contractsDependOnNoFrameworkAndOnNoFairbillModule() {
        var contracts = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fairbill.contracts");

        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                "jakarta.persistence..", "dev.fairbill.platform..", "dev.fairbill.billing..", "dev.fairbill.ledger..",
                "dev.fairbill.refund..").check(contracts);
    }
}
