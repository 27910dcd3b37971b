package io.aihub.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** connectors -> schemas only: the sink runs in a Connect worker, without the application, Streams or Spring. */
class ArchitectureTest {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aihub.connectors");

    @Test
    void shouldDependOnNeitherTheApplicationNorKafkaStreamsNorSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.aihub.services..",
                        "io.aihub.topology..",
                        "org.apache.kafka.streams..",
                        "org.springframework..",
                        "org.apache.kafka.connect.runtime..")
                .check(main);
    }

    @Test
    void shouldKeepHelpersOutOfThePublicPackages() {
        noClasses()
                .that()
                .resideInAPackage("..internal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.aihub.connectors.postgres", "io.aihub.connectors.avro")
                .check(main);
    }
}
