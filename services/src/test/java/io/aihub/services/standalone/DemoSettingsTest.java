package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void shouldStartEverythingEmbeddedWithDocumentedDefaultsWhenNothingIsSet() {
        var settings = DemoSettings.from(Map.of());

        assertThat(settings)
                .isEqualTo(new DemoSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Path.of("./.aihub/data"),
                        Path.of("./data"),
                        Duration.ofDays(13),
                        60,
                        "",
                        8080,
                        true,
                        Optional.empty(),
                        Path.of("./connectors/target/connect-plugin")));
        assertThat(settings.telemetryTopic()).isEqualTo("telemetry");
    }

    @Test
    void shouldUseExternalServersAndParseSimpleAndIsoDurations() {
        var settings = DemoSettings.from(Map.of(
                "AIHUB_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "AIHUB_REGISTRY_URL", " http://registry:8080/apis/registry/v3 ",
                "AIHUB_S3_ENDPOINT", "http://minio:9000",
                "AIHUB_DEMO_BACKFILL", "36h",
                "AIHUB_DEMO_SPEED", "3600",
                "AIHUB_TOPICS_PREFIX", "demo.",
                "SERVER_PORT", "9090"));

        assertThat(settings.externalBootstrapServers()).contains("kafka:9092");
        assertThat(settings.externalRegistryUrl()).contains("http://registry:8080/apis/registry/v3");
        assertThat(settings.externalS3Endpoint()).contains("http://minio:9000");
        assertThat(settings.backfill()).isEqualTo(Duration.ofHours(36));
        assertThat(settings.speed()).isEqualTo(3600);
        assertThat(settings.telemetryTopic()).isEqualTo("demo.telemetry");
        assertThat(settings.serverPort()).isEqualTo(9090);
        assertThat(DemoSettings.from(Map.of("AIHUB_DEMO_BACKFILL", "P2D")).backfill())
                .isEqualTo(Duration.ofDays(2));
    }

    @Test
    void shouldTreatBlankExternalServersAsUnset() {
        var settings = DemoSettings.from(Map.of("AIHUB_KAFKA_BOOTSTRAP_SERVERS", " ", "AIHUB_REGISTRY_URL", ""));

        assertThat(settings.externalBootstrapServers()).isEmpty();
        assertThat(settings.externalRegistryUrl()).isEmpty();
    }

    @Test
    void shouldUseTheConfiguredPostgresOrNoneAtAll() {
        var external = DemoSettings.from(Map.of(
                "AIHUB_POSTGRES_URL", " jdbc:postgresql://db:5432/aihub ",
                "AIHUB_POSTGRES_USER", "aihub",
                "AIHUB_POSTGRES_PASSWORD", "s3cret",
                "AIHUB_CONNECT_PLUGIN_PATH", "/opt/plugins"));
        var disabled = DemoSettings.from(Map.of("AIHUB_POSTGRES_URL", "none"));

        assertThat(external.offlineStore()).isTrue();
        assertThat(external.externalPostgres())
                .contains(new PostgresConnection("jdbc:postgresql://db:5432/aihub", "aihub", "s3cret"));
        assertThat(external.externalPostgres().orElseThrow().toString()).doesNotContain("s3cret");
        assertThat(external.connectPluginPath()).isEqualTo(Path.of("/opt/plugins"));
        assertThat(disabled.offlineStore()).isFalse();
        assertThat(disabled.externalPostgres()).isEmpty();
        assertThatThrownBy(() -> DemoSettings.from(Map.of("AIHUB_POSTGRES_URL", "postgres://db/aihub")))
                .hasMessageContaining("AIHUB_POSTGRES_URL");
    }

    @Test
    void shouldNameTheVariableOfAnInvalidValue() {
        assertThatThrownBy(() -> DemoSettings.from(Map.of("AIHUB_DEMO_SPEED", "fast")))
                .hasMessageContaining("AIHUB_DEMO_SPEED");
        assertThatThrownBy(() -> DemoSettings.from(Map.of("AIHUB_DEMO_BACKFILL", "a week")))
                .hasMessageContaining("AIHUB_DEMO_BACKFILL");
    }

    @Test
    void shouldExplainHowToFetchAMissingApicurioArchive() {
        System.setProperty(ApicurioArchive.ARCHIVE_SETTING, "/nonexistent/apicurio.tar.gz");
        try {
            assertThatThrownBy(ApicurioArchive::locate)
                    .isInstanceOf(InfrastructureException.class)
                    .hasMessageContaining("/nonexistent/apicurio.tar.gz")
                    .hasMessageContaining("dependency:get");
        } finally {
            System.clearProperty(ApicurioArchive.ARCHIVE_SETTING);
        }
    }
}
