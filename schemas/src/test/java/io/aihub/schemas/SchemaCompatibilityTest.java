package io.aihub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema change stays backward compatible: the current schema (the reader) must read data written with every
 * earlier version kept in {@code src/test/resources/avro-history/<Name>/v<N>.avsc}, and the newest kept version
 * must be the current schema, so a change cannot land without being recorded and checked.
 */
class SchemaCompatibilityTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("src/test/resources/avro-history");
    /** Types other schemas refer to by name, declared as imports of the avro-maven-plugin. */
    private static final List<String> SHARED = List.of("ModelVersion");

    @Test
    void shouldReadDataOfEveryEarlierVersionWithTheCurrentSchema() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path file : currentSchemas()) {
            String name = file.getFileName().toString().replace(".avsc", "");
            Schema current = parse(file);
            List<Path> versions = history(name);
            assertThat(versions)
                    .as("history of %s (add %s/%s/v1.avsc)", name, HISTORY, name)
                    .isNotEmpty();
            for (Path version : versions) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(current, parse(version));
                assertThat(result.getType())
                        .as("%s must read data written with %s: %s", name, version, result.getDescription())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                checked.add(name + "/" + version.getFileName());
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldRecordTheCurrentSchemaAsTheNewestVersion() throws IOException {
        for (Path file : currentSchemas()) {
            String name = file.getFileName().toString().replace(".avsc", "");
            List<Path> versions = history(name);
            Path newest = versions.getLast();
            assertThat(parse(newest))
                    .as(
                            "%s changed: copy it to %s/%s/v%d.avsc so the change is checked",
                            name, HISTORY, name, versions.size() + 1)
                    .isEqualTo(parse(file));
        }
    }

    @Test
    void shouldDocumentEveryField() throws IOException {
        for (Path file : currentSchemas()) {
            Schema schema = parse(file);
            assertThat(schema.getDoc()).as("doc of %s", schema.getName()).isNotBlank();
            for (Schema.Field field : schema.getFields()) {
                assertThat(field.doc())
                        .as("doc of %s.%s", schema.getName(), field.name())
                        .isNotBlank();
            }
        }
    }

    @Test
    void shouldDetectAnIncompatibleChange() {
        // Given a reader that adds a field without a default, it cannot read data written before the change
        Schema before = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
        Schema after = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"double"}]}""");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(after, before)
                        .getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static List<Path> currentSchemas() throws IOException {
        try (Stream<Path> files = Files.list(CURRENT)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    private static List<Path> history(String name) throws IOException {
        Path directory = HISTORY.resolve(name);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(SchemaCompatibilityTest::versionOf))
                    .toList();
        }
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    /**
     * Parses a schema; schemas other than the shared types see the current shared types (the avro-maven-plugin's
     * {@code imports}), as the code generator does.
     */
    private static Schema parse(Path file) throws IOException {
        var parser = new Schema.Parser();
        boolean shared = SHARED.stream()
                .anyMatch(type ->
                        file.startsWith(CURRENT.resolve(type + ".avsc")) || file.startsWith(HISTORY.resolve(type)));
        if (!shared) {
            for (String type : SHARED) {
                parser.parse(CURRENT.resolve(type + ".avsc").toFile());
            }
        }
        return parser.parse(file.toFile());
    }
}
