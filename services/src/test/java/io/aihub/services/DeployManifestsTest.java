package io.aihub.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The deployment manifests parse, and the settings they pass are ones the application knows. */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void shouldParseEveryManifestAndSetOnlyKnownSettings() throws IOException {
        List<Path> manifests;
        try (var files = Files.walk(DEPLOY)) {
            manifests = files.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .toList();
        }
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(3);
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> settings = new ArrayList<>();
        for (Path manifest : manifests) {
            for (Object document : new Yaml().loadAll(Files.readString(manifest))) {
                assertThat(document).as(manifest.toString()).isInstanceOf(Map.class);
                collectSettings(document, settings);
            }
        }
        assertThat(settings).isNotEmpty();
        // every AIHUB_* setting a manifest passes is documented in the README's configuration table
        for (String setting : settings) {
            assertThat(readme).as("README documents " + setting).contains("`" + setting + "`");
        }
    }

    private static void collectSettings(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key instanceof String name && name.startsWith("AIHUB_")) {
                    out.add(name);
                }
                if (key instanceof String field
                        && field.equals("name")
                        && value instanceof String name
                        && name.startsWith("AIHUB_")) {
                    out.add(name);
                }
                collectSettings(value, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectSettings(item, out));
        }
    }
}
