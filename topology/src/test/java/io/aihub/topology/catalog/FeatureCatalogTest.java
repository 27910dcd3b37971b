package io.aihub.topology.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCatalogTest {

    @TempDir
    Path dir;

    @Test
    void shouldShipExactlyTheThreeDocumentedSets() {
        FeatureCatalog catalog = FeatureCatalog.loadDefault();

        assertThat(catalog.version()).isEqualTo(1);
        assertThat(catalog.sets().keySet()).containsExactly("forecast_basic", "forecast_advanced", "anomaly_detection");
        assertThat(catalog.set("forecast_basic"))
                .contains(new FeatureSet(
                        "forecast_basic",
                        "Basic time and statistical features for forecasting",
                        List.of("hour_of_day", "day_of_week", "is_weekend", "lag_1h", "lag_24h", "rolling_avg_24h"),
                        List.of("load_forecasting", "generation_forecasting"),
                        "<50ms",
                        "redis"));
        assertThat(catalog.set("forecast_advanced"))
                .contains(new FeatureSet(
                        "forecast_advanced",
                        "Advanced features including weather and market data",
                        List.of(
                                "hour_of_day",
                                "day_of_week",
                                "day_of_month",
                                "month",
                                "is_weekend",
                                "is_business_hours",
                                "lag_1h",
                                "lag_24h",
                                "lag_168h",
                                "rolling_avg_24h",
                                "rolling_std_24h",
                                "temperature",
                                "humidity"),
                        List.of("advanced_forecasting", "price_prediction"),
                        "<100ms",
                        "redis+timescaledb"));
        assertThat(catalog.set("anomaly_detection"))
                .contains(new FeatureSet(
                        "anomaly_detection",
                        "Statistical features for anomaly detection",
                        List.of(
                                "hour_of_day",
                                "day_of_week",
                                "historical_avg_24h",
                                "historical_std_24h",
                                "max_24h",
                                "min_24h",
                                "range_24h"),
                        List.of("anomaly_detection", "outlier_detection"),
                        "<50ms",
                        "timescaledb"));
        assertThat(catalog.set("nope")).isEmpty();
    }

    @Test
    void shouldLoadACustomFeatureSetFromAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("custom.yaml"), """
                version: 3
                feature_sets:
                  solar:
                    description: Solar generation
                    features: [solar_irradiance, cloud_cover, hourly_avg, lag_24h]
                    use_cases: [generation_forecasting]
                    latency: "<20ms"
                    storage: redis
                """);

        FeatureCatalog catalog = FeatureCatalog.load(file);

        assertThat(catalog.version()).isEqualTo(3);
        assertThat(catalog.sets())
                .containsOnlyKeys("solar")
                .containsValue(new FeatureSet(
                        "solar",
                        "Solar generation",
                        List.of("solar_irradiance", "cloud_cover", "hourly_avg", "lag_24h"),
                        List.of("generation_forecasting"),
                        "<20ms",
                        "redis"));
    }

    @Test
    void shouldRejectAnUnknownFeatureNamingTheSetAndTheFeature() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                version: 1
                feature_sets:
                  broken:
                    features: [hour_of_day, lag_2h]
                """);

        assertThatThrownBy(() -> FeatureCatalog.load(file))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("broken")
                .hasMessageContaining("lag_2h");
    }

    @Test
    void shouldRejectACatalogWithoutVersion() throws IOException {
        Path file = Files.writeString(dir.resolve("noversion.yaml"), """
                feature_sets:
                  ok:
                    features: [hour_of_day]
                """);

        assertThatThrownBy(() -> FeatureCatalog.load(file))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("version");
    }

    @Test
    void shouldResolveTheMostSpecificDetectionRule() throws IOException {
        Path file = Files.writeString(dir.resolve("detect.yaml"), """
                version: 1
                feature_sets:
                  basic: {features: [hour_of_day]}
                anomaly_detection:
                  default: {methods: [iqr], sensitivity: 2.0}
                  tenants:
                    acme:
                      sensitivity: 4.0
                      assets:
                        m1: {methods: [z_score, local_outlier_factor]}
                        m2: {methods: []}
                """);
        DetectionPolicy policy = FeatureCatalog.load(file).detectionPolicy();

        assertThat(policy.resolve("other", "m1"))
                .isEqualTo(new DetectionPolicy.Resolved(List.of(DetectionMethod.IQR), 2.0));
        assertThat(policy.resolve("acme", "m9"))
                .isEqualTo(new DetectionPolicy.Resolved(List.of(DetectionMethod.IQR), 4.0));
        assertThat(policy.resolve("acme", "m1"))
                .isEqualTo(new DetectionPolicy.Resolved(
                        List.of(DetectionMethod.Z_SCORE, DetectionMethod.LOCAL_OUTLIER_FACTOR), 4.0));
        assertThat(policy.resolve("acme", "m2").methods()).isEmpty();
        assertThat(FeatureCatalog.loadDefault().detectionPolicy().resolve("anyone", "any"))
                .isEqualTo(new DetectionPolicy.Resolved(DetectionPolicy.DEFAULT_METHODS, null));
    }

    @Test
    void shouldRefuseABadDetectionSectionNamingWhere() throws IOException {
        String head = "version: 1\nfeature_sets:\n  basic: {features: [hour_of_day]}\nanomaly_detection:\n";
        Path unknownMethod =
                Files.writeString(dir.resolve("m.yaml"), head + "  tenants:\n    acme: {methods: [prophet]}\n");
        Path badSensitivity =
                Files.writeString(dir.resolve("s.yaml"), head + "  default: {methods: [iqr], sensitivity: 7}\n");
        Path unknownField = Files.writeString(dir.resolve("f.yaml"), head + "  default: {method: [iqr]}\n");

        assertThatThrownBy(() -> FeatureCatalog.load(unknownMethod))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("anomaly_detection.tenants.acme")
                .hasMessageContaining("unknown anomaly detection method 'prophet'");
        assertThatThrownBy(() -> FeatureCatalog.load(badSensitivity))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("anomaly_detection.default: 'sensitivity' must be a number from 1.0 to 5.0");
        assertThatThrownBy(() -> FeatureCatalog.load(unknownField))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("unknown field 'method'");
    }
}
