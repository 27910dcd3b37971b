package io.aihub.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aihub.topology");

    @Test
    void shouldKeepTheTopologyFreeOfSpringHttpAndTheServicesModule() {
        noClasses()
                .that()
                .resideInAPackage("io.aihub.topology..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "jakarta.servlet..", "java.net.http..", "io.aihub.services..")
                .check(classes);
    }

    @Test
    void shouldKeepInternalHelpersOutOfOtherModulesReach() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.aihub.topology..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.aihub.topology..internal..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
