package io.aihub.topology.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelIdTest {

    @Test
    void shouldParseTheDocumentedFormat() {
        var id = ModelId.parse("tenant-123:forecast-lstm:v1.0.0").orElseThrow();
        assertThat(id.tenantId()).isEqualTo("tenant-123");
        assertThat(id.modelName()).isEqualTo("forecast-lstm");
        assertThat(id.version()).isEqualTo("v1.0.0");
        assertThat(id.familyKey()).isEqualTo("tenant-123:forecast-lstm");
        assertThat(id).hasToString("tenant-123:forecast-lstm:v1.0.0");
    }

    @Test
    void shouldRejectMalformedIds() {
        for (String bad : List.of(
                "",
                "tenant:model",
                "tenant:model:1.0.0",
                "tenant:model:v1.0",
                "tenant:model:v01.0.0",
                "tenant:mo del:v1.0.0",
                "tenant:model.x:v1.0.0",
                ":model:v1.0.0",
                "tenant:model:v1.0.0:extra",
                "ten/ant:model:v1.0.0")) {
            assertThat(ModelId.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void shouldOrderVersionsByNumber() {
        assertThat(List.of("v1.10.0", "v1.9.0", "v0.1.2", "v1.9.10").stream()
                        .sorted(ModelId.VERSION_ORDER)
                        .toList())
                .containsExactly("v0.1.2", "v1.9.0", "v1.9.10", "v1.10.0");
    }
}
