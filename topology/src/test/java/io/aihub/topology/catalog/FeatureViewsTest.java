package io.aihub.topology.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.topology.maintenance.MaintenanceView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureViewsTest {

    private static final String SETS = "version: 1\nfeature_sets:\n  s: {features: [hour_of_day]}\n";

    @TempDir
    Path dir;

    @Test
    void shouldShipTheThreeViewsWithEveryComputedFeatureAndTheirTtls() {
        FeatureViews views = FeatureCatalog.loadDefault().views();

        assertThat(views.views().keySet())
                .containsExactly("asset_features", "telemetry_features", "work_order_features");
        for (MaintenanceView kept : MaintenanceView.values()) {
            FeatureView view = views.view(kept.viewName()).orElseThrow();
            assertThat(view.entity()).isEqualTo("asset_id");
            assertThat(view.features()).containsExactlyElementsOf(kept.features());
        }
        assertThat(views.view("asset_features").orElseThrow().ttl()).isEqualTo(Duration.ofDays(365));
        assertThat(views.view("telemetry_features").orElseThrow().ttl()).isEqualTo(Duration.ofDays(1));
        assertThat(views.view("work_order_features").orElseThrow().ttl()).isEqualTo(Duration.ofDays(90));
        assertThat(views.service("predictive_maintenance").orElseThrow().features())
                .hasSize(11)
                .startsWith("asset_features:asset_type");
    }

    @Test
    void shouldRefuseAViewTheTopologyDoesNotKeep() throws IOException {
        assertThatThrownBy(
                        () -> load("feature_views:\n  sensor_features: {entity: asset_id, ttl: 1d, features: [x]}\n"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("feature view 'sensor_features'")
                .hasMessageContaining("keeps no such view");
    }

    @Test
    void shouldRefuseAnUnknownFeatureABadTtlAndAServiceOfAnUndeclaredFeature() {
        assertThatThrownBy(() -> load(
                        "feature_views:\n  asset_features: {entity: asset_id, ttl: 1d, features: [asset_colour]}\n"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("unknown feature 'asset_colour'");
        assertThatThrownBy(() ->
                        load("feature_views:\n  asset_features: {entity: asset_id, ttl: forever, features: [model]}\n"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'ttl'");
        assertThatThrownBy(
                        () -> load("feature_views:\n  asset_features: {entity: asset_id, ttl: 2h, features: [model]}\n"
                                + "feature_services:\n  svc: {features: [\"asset_features:asset_type\"]}\n"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("feature service 'svc'")
                .hasMessageContaining("asset_features:asset_type");
    }

    private FeatureCatalog load(String yaml) throws IOException {
        Path file = dir.resolve("catalog-" + System.nanoTime() + ".yaml");
        Files.writeString(file, SETS + yaml);
        return FeatureCatalog.load(file);
    }
}
