package io.aihub.services.export;

import static io.aihub.services.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without an offline store ({@code AIHUB_POSTGRES_URL=none}) the export endpoints say so, and so does /health. */
class ExportNotConfiguredIT {

    @Test
    void shouldAnswer503NamingTheMissingOfflineStoreAndReportItInHealth() {
        try (var app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("export-none"),
                SharedInfrastructure.uniquePrefix("export-none"),
                Map.of("aihub.postgres.url", "none"))) {
            var export = app.post(
                    "/ai/features/export",
                    Map.of(
                            "tenant_id", "acme",
                            "feature_set", "forecast_basic",
                            "start_time", "2025-01-01T00:00:00Z",
                            "end_time", "2025-01-02T00:00:00Z"));
            assertProblem(export, 503, null);
            assertThat(export.body().path("detail").asString()).contains("offline store is not configured");
            var list = app.get("/ai/features/exports?tenant_id=acme");
            assertProblem(list, 503, null);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(app.get("/health")
                                    .body()
                                    .path("dependencies")
                                    .path("offline_store")
                                    .path("status")
                                    .asString())
                            .isEqualTo("not_configured"));
        }
    }
}
