package io.aihub.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** deploy/connect/aihub-postgres-sink.json is a valid configuration of this connector for the documented topics. */
class DeployedConfigTest {

    @Test
    void shouldValidateTheDeployedConnectorConfigAndMapEveryTopicItConsumes() throws IOException {
        Map<String, String> config = JsonMapper.builder()
                .build()
                .readValue(
                        Files.readString(Path.of("..", "deploy", "connect", "aihub-postgres-sink.json")),
                        new TypeReference<Map<String, String>>() {});

        var errors = new PostgresSinkConnector()
                .validate(config).configValues().stream()
                        .filter(value -> !value.errorMessages().isEmpty())
                        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors).isEmpty();
        assertThat(new PostgresSinkConfig(config).tableMapping().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.asList(config.get("topics").split(",")));
        assertThat(config.get("connection.password")).isEqualTo("${env:CONNECT_POSTGRES_PASSWORD}");
    }
}
