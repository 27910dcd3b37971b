package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The demo's sink is configured as deploy/connect/aihub-postgres-sink.json, with this machine's servers. */
class EmbeddedOfflineStoreTest {

    private static final PostgresConnection DATABASE =
            new PostgresConnection("jdbc:postgresql://127.0.0.1:5433/postgres", "postgres", "pw");

    @Test
    void shouldConfigureTheSinkAsTheDeploymentDoesExceptForWhereTheServersAre() throws IOException {
        Map<String, String> deployed = JsonMapper.builder()
                .build()
                .readValue(
                        Files.readString(Path.of("..", "deploy", "connect", "aihub-postgres-sink.json")),
                        new TypeReference<Map<String, String>>() {});

        var demo = EmbeddedOfflineStore.sinkConfig("", DATABASE, "http://127.0.0.1:4711/apis/registry/v3");

        var expected = new HashMap<>(deployed);
        expected.put("value.converter.apicurio.registry.url", "http://127.0.0.1:4711/apis/registry/v3");
        expected.put("connection.url", "jdbc:postgresql://127.0.0.1:5433/postgres?reWriteBatchedInserts=true");
        expected.put("connection.password", "pw");
        assertThat(demo).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void shouldPrefixEveryTopicTheSinkReadsAndWrites() {
        var demo = EmbeddedOfflineStore.sinkConfig("demo.", DATABASE, "http://registry");

        assertThat(demo.get("topics"))
                .isEqualTo("demo.telemetry,demo.features,demo.features-hourly,demo.features-daily,demo.weather,"
                        + "demo.anomalies,demo.forecasts");
        assertThat(demo.get("table.mapping"))
                .isEqualTo("demo.telemetry:telemetry,demo.features:features,demo.features-hourly:aggregates,"
                        + "demo.features-daily:aggregates,demo.weather:weather,demo.anomalies:anomalies,"
                        + "demo.forecasts:forecasts");
        assertThat(demo.get("errors.deadletterqueue.topic.name")).isEqualTo("demo.dead-letter-postgres-sink");
    }

    @Test
    void shouldKeepAnExistingBatchedInsertsSettingAndGiveAPsqlCommandForAnExternalDatabase() {
        var external = new PostgresConnection(
                "jdbc:postgresql://db.example:6543/aihub?reWriteBatchedInserts=false", "aihub", "");
        var store = EmbeddedOfflineStore.of(Optional.of(external), Path.of("unused"), Optional.empty(), "");

        assertThat(EmbeddedOfflineStore.sinkConfig("", external, "http://registry")
                        .get("connection.url"))
                .isEqualTo(external.jdbcUrl());
        assertThat(store.startDatabase()).isEqualTo(external);
        assertThat(store.isEmbedded()).isFalse();
        assertThat(store.psql()).contains("psql -h db.example -p 6543 -U aihub aihub");
    }
}
