package io.aihub.services.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On the real broker: readings posted to {@code /ingest/telemetry} are scored in-stream by the detectors the catalog
 * names for their tenant, and a spike reaches the {@code anomalies} topic; a tenant whose rule lists no method gets
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InStreamDetectionIT {

    private static final Instant START = Instant.parse("2025-10-06T00:00:00Z");

    private AppInstance app;
    private String prefix;

    @BeforeAll
    void start() {
        String catalog = SharedInfrastructure.catalogFile("""
                version: 1
                feature_sets:
                  basic: {features: [hour_of_day]}
                anomaly_detection:
                  default: {methods: []}
                  tenants:
                    det-a: {methods: [z_score, iqr]}
                """);
        prefix = SharedInfrastructure.uniquePrefix("in-stream");
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("in-stream"),
                prefix,
                Map.of("aihub.features.catalog", catalog));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldWriteTheSpikeScoredByTheTenantsDetectorsToTheAnomaliesTopic() {
        // Given 120 noisy 5-minute readings and then a spike, for a tenant with detectors and one without
        for (String tenant : List.of("det-a", "det-b")) {
            var random = new Random(7);
            List<Map<String, Object>> readings = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                readings.add(reading(tenant, i, 50 + random.nextGaussian()));
            }
            readings.add(reading(tenant, 120, 95.0));
            assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
        }

        // Then the spike arrives on the anomalies topic, once per method of det-a's rule, and nothing of det-b
        List<AnomalyEvent> events = new ArrayList<>();
        try (var consumer = SharedInfrastructure.consumer(prefix + "reader", AnomalyEvent.class)) {
            consumer.subscribe(List.of(prefix + "anomalies"));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                assertThat(events).extracting(AnomalyEvent::getMethod).contains("z_score", "iqr");
            });
        }
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getTenantId()).isEqualTo("det-a");
            assertThat(event.getValue()).isEqualTo(95.0);
            assertThat(event.getTimestamp()).isEqualTo(START.plus(Duration.ofMinutes(5 * 120)));
            assertThat(event.getSeverity()).isEqualTo(AnomalySeverity.critical);
            assertThat(event.getModelId()).isNull();
        });
        assertThat(events).extracting(AnomalyEvent::getMethod).doesNotHaveDuplicates();
    }

    private static Map<String, Object> reading(String tenant, int i, double value) {
        return Map.of(
                "tenant_id",
                tenant,
                "asset_id",
                "meter-1",
                "metric",
                "power_kw",
                "timestamp",
                START.plus(Duration.ofMinutes(5L * i)).toString(),
                "value",
                value);
    }
}
