package io.aihub.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.connectors.postgres.internal.TableKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PostgresSinkConfigTest {

    private static Map<String, String> settings(String... pairs) {
        var map = new HashMap<String, String>();
        map.put("connection.url", "jdbc:postgresql://db:5432/aihub");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void shouldMapTheDocumentedTopicsByDefault() {
        var config = new PostgresSinkConfig(settings());

        assertThat(config.tableMapping())
                .isEqualTo(Map.of(
                        "telemetry", TableKind.TELEMETRY,
                        "features", TableKind.FEATURES,
                        "features-hourly", TableKind.AGGREGATES,
                        "features-daily", TableKind.AGGREGATES,
                        "weather", TableKind.WEATHER,
                        "anomalies", TableKind.ANOMALIES,
                        "forecasts", TableKind.FORECASTS));
        assertThat(config.schema()).isEqualTo("public");
        assertThat(config.batchSize()).isEqualTo(1000);
        assertThat(config.maxRetries()).isEqualTo(10);
        assertThat(config.retryBackoffMs()).isEqualTo(3000L);
        assertThat(config.retentionIntervalMs()).isEqualTo(3_600_000L);
        assertThat(config.migrate()).isTrue();
    }

    @Test
    void shouldNeverShowThePasswordInToStringEvenInTheUrl() {
        var config = new PostgresSinkConfig(settings(
                "connection.url", "jdbc:postgresql://db:5432/aihub?user=sink&password=s3cret&ssl=true",
                "connection.password", "t0psecret"));

        assertThat(config.toString())
                .doesNotContain("s3cret")
                .doesNotContain("t0psecret")
                .contains("password=[hidden]&ssl=true")
                .contains("password=[hidden], schema=public");
        assertThat(config.database().toString()).doesNotContain("s3cret").doesNotContain("t0psecret");
        assertThat(config.password().value()).isEqualTo("t0psecret");
    }

    @Test
    void shouldRefuseAMappingWithAnUnknownKindNamingTheSetting() {
        assertThatThrownBy(() -> new PostgresSinkConfig(settings("table.mapping", "telemetry:telemetry,x:nonsense")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("table.mapping")
                .hasMessageContaining("x:nonsense");
        assertThatThrownBy(() -> new PostgresSinkConfig(settings("table.mapping", "telemetry")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic:kind");
    }

    @Test
    void shouldRefuseASchemaThatIsNotAPlainIdentifierAndANonPostgresUrl() {
        assertThatThrownBy(() -> new PostgresSinkConfig(settings("db.schema", "x\"; drop table y")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.schema");
        assertThatThrownBy(() -> new PostgresSinkConfig(settings("connection.url", "jdbc:mysql://db/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.url");
        assertThatThrownBy(() -> new PostgresSinkConfig(settings("batch.size", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch.size");
    }

    @Test
    void shouldGiveEachTaskItsIndexSoThatOnlyTaskZeroAppliesRetention() {
        var connector = new PostgresSinkConnector();
        var props = settings("migrate", "false");
        connector.start(props);

        var tasks = connector.taskConfigs(3);

        assertThat(tasks).extracting(t -> t.get(PostgresSinkConfig.TASK_INDEX)).containsExactly("0", "1", "2");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsAllEntriesOf(props));
    }

    @Test
    void shouldRefuseToStartWhenAListedTopicHasNoTable() {
        var connector = new PostgresSinkConnector();

        assertThatThrownBy(() -> connector.start(settings("migrate", "false", "topics", "telemetry, alarms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("table.mapping")
                .hasMessageContaining("has no entry for topic alarms of topics");
    }
}
