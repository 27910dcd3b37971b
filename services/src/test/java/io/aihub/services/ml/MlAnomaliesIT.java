package io.aihub.services.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * On the real stack (broker, Apicurio, S3): a device's readings posted to {@code /ingest/telemetry} train its
 * isolation forest through {@code POST /ml/anomalies/train/{device}}, which lands in the registry in production; the
 * stream then scores new readings with it, and an outlier shows in {@code GET /ml/anomalies/detect/{device}} and on
 * the {@code anomalies} topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlAnomaliesIT {

    private static final Instant START = Instant.parse("2025-10-06T00:00:00Z");
    private static final String TENANT = "ml-a";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private AppInstance app;
    private String prefix;

    @BeforeAll
    void start() {
        prefix = SharedInfrastructure.uniquePrefix("ml-anomalies");
        app = AppInstance.start(SharedInfrastructure.uniqueApplicationId("ml-anomalies"), prefix, Map.of());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldRefuseToTrainOnFewerAlignedRowsThanTheMinimumWithTheCounts() {
        // Given 50 minutes of two metrics
        post(history("dev-few", 50));

        // When trained, once the stream has every reading
        await().atMost(WAIT).untilAsserted(() -> {
            Reply reply = app.post("/ml/anomalies/train/dev-few?tenant_id=" + TENANT + "&hours=24", Map.of());

            // Then 422 naming the counts
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.body().path("training_samples").asInt()).isEqualTo(50);
        });
        JsonNode body = app.post("/ml/anomalies/train/dev-few?tenant_id=" + TENANT, Map.of())
                .body();
        assertThat(body.path("min_training_samples").asInt()).isEqualTo(100);
        assertThat(body.path("features").toString()).isEqualTo("[\"cpu\",\"mem\"]");
        assertThat(body.path("title").asString()).isEqualTo("Insufficient training data");
        assertThat(body.path("field").asString()).isEqualTo("hours");
    }

    @Test
    void shouldTrainRegisterAndPromoteThenScoreAnOutlierInStream() {
        // Given 300 minutes of two correlated metrics, all in the stream's stores
        int n = 300;
        post(history("dev-main", n));
        Instant last = START.plus(Duration.ofMinutes(n - 1));
        await().atMost(WAIT).untilAsserted(() -> {
            Reply features = app.post(
                    "/ai/features/get",
                    Map.of("tenant_id", TENANT, "asset_id", "dev-main", "metric", "mem", "timestamp", last.toString()));
            assertThat(features.status()).isEqualTo(200);
            assertThat(features.body().path("latest_reading_at").asString()).isEqualTo(last.toString());
        });

        // When the device's model is trained on its last 168 hours
        Reply trained = app.post("/ml/anomalies/train/dev-main?tenant_id=" + TENANT + "&hours=168", Map.of());

        // Then the documented answer, and the model is in production in the registry
        assertThat(trained.status()).isEqualTo(200);
        JsonNode body = trained.body();
        assertThat(body.path("message").asString()).isEqualTo("Model trained successfully");
        assertThat(body.path("device_uuid").asString()).isEqualTo("dev-main");
        assertThat(body.path("training_samples").asInt()).isEqualTo(n);
        assertThat(body.path("features").toString()).isEqualTo("[\"cpu\",\"mem\"]");
        assertThat(body.path("contamination").asDouble()).isEqualTo(0.01);
        assertThat(body.path("model_id").asString()).isEqualTo(TENANT + ":iforest-dev-main:v1.0.0");
        assertThat(body.path("stage").asString()).isEqualTo("production");
        Reply model = app.get("/ai/models/" + TENANT + ":iforest-dev-main:v1.0.0");
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().path("stage").asString()).isEqualTo("production");
        assertThat(model.body().path("model_type").asString()).isEqualTo("anomaly");
        assertThat(model.body().path("artifact").path("kind").asString()).isEqualTo("isolation_forest");
        assertThat(model.body().path("metrics").path("training_samples").asInt())
                .isEqualTo(n);
        assertThat(model.body().path("metrics").path("score_threshold").asDouble())
                .isEqualTo(body.path("score_threshold").asDouble());

        // When an outlier arrives on both metrics
        Instant outlierAt = START.plus(Duration.ofMinutes(n));
        post(List.of(reading("dev-main", "cpu", outlierAt, 500.0), reading("dev-main", "mem", outlierAt, 1000.0)));

        // Then the stream scored it with the model: in the detect answer...
        await().atMost(WAIT).untilAsserted(() -> {
            Reply detected = app.get("/ml/anomalies/detect/dev-main?tenant_id=" + TENANT + "&hours=24");
            assertThat(detected.status()).isEqualTo(200);
            assertThat(detected.body().path("count").asInt()).isPositive();
        });
        JsonNode detected = app.get("/ml/anomalies/detect/dev-main?tenant_id=" + TENANT + "&hours=24")
                .body();
        assertThat(detected.path("device_uuid").asString()).isEqualTo("dev-main");
        assertThat(detected.path("hours").asInt()).isEqualTo(24);
        assertThat(detected.path("count").asInt())
                .isEqualTo(detected.path("anomalies").size());
        for (JsonNode anomaly : detected.path("anomalies")) {
            assertThat(anomaly.path("timestamp").asString()).isEqualTo(outlierAt.toString());
            assertThat(anomaly.path("metric").asString()).isIn("cpu", "mem");
            assertThat(anomaly.path("value").asDouble()).isIn(500.0, 1000.0);
            assertThat(anomaly.path("score").asDouble()).isPositive();
            assertThat(anomaly.path("severity").asString()).isIn("warning", "critical");
            assertThat(anomaly.path("is_anomaly").asBoolean()).isTrue();
            assertThat(anomaly.path("method").asString()).isEqualTo("isolation_forest");
            assertThat(anomaly.path("model_version").asString()).isEqualTo("v1.0.0");
        }

        // ...and on the anomalies topic
        List<AnomalyEvent> events = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(prefix + "anomalies"));
            await().atMost(WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                assertThat(events)
                        .filteredOn(e -> (TENANT + ":iforest-dev-main:v1.0.0").equals(e.getModelId()))
                        .isNotEmpty()
                        .allSatisfy(e -> {
                            assertThat(e.getMethod()).isEqualTo("isolation_forest");
                            assertThat(e.getAssetId()).isEqualTo("dev-main");
                            assertThat(e.getTimestamp()).isEqualTo(outlierAt);
                            assertThat(e.getIsAnomaly()).isTrue();
                        });
            });
        }
    }

    @Test
    void shouldNameTheBadParameterWith422() {
        assertBad("/ml/anomalies/train/dev-x?tenant_id=" + TENANT + "&hours=0", "hours");
        assertBad("/ml/anomalies/train/dev-x?tenant_id=" + TENANT + "&hours=100000", "hours");
        assertBad("/ml/anomalies/train/dev-x?tenant_id=" + TENANT + "&contamination=0.6", "contamination");
        assertBad("/ml/anomalies/train/dev-x?tenant_id=" + TENANT + "&contamination=0", "contamination");
        assertBad("/ml/anomalies/train/dev-x?hours=24", "tenant_id");
        assertBad("/ml/anomalies/train/dev-x?tenant_id=" + TENANT + "&hours=abc", "hours");
        Reply detect = app.get("/ml/anomalies/detect/dev-x?tenant_id=" + TENANT + "&hours=0");
        assertThat(detect.status()).isEqualTo(422);
        assertThat(detect.body().path("field").asString()).isEqualTo("hours");
        Reply noTenant = app.get("/ml/anomalies/detect/dev-x");
        assertThat(noTenant.status()).isEqualTo(422);
        assertThat(noTenant.body().path("field").asString()).isEqualTo("tenant_id");
    }

    @Test
    void shouldAnswerAnUnknownDeviceWithZeroCountsOnTrainingAnd404OnDetection() {
        await().atMost(WAIT).untilAsserted(() -> {
            Reply train = app.post("/ml/anomalies/train/nobody?tenant_id=" + TENANT, Map.of());
            assertThat(train.status()).isEqualTo(422);
            assertThat(train.body().path("training_samples").asInt()).isZero();
            assertThat(train.body().path("min_training_samples").asInt()).isEqualTo(100);
        });
        assertThat(app.get("/ml/anomalies/detect/nobody?tenant_id=" + TENANT).status())
                .isEqualTo(404);
    }

    private void assertBad(String path, String field) {
        Reply reply = app.post(path, Map.of());
        assertThat(reply.status()).as(path).isEqualTo(422);
        assertThat(reply.body().path("field").asString()).as(path).isEqualTo(field);
    }

    private void post(List<Map<String, Object>> readings) {
        assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
    }

    /** cpu around 50 and mem about twice it, every minute for {@code minutes} minutes. */
    private static List<Map<String, Object>> history(String device, int minutes) {
        var random = new Random(device.hashCode());
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            double cpu = 50 + random.nextGaussian();
            Instant at = START.plus(Duration.ofMinutes(i));
            readings.add(reading(device, "cpu", at, cpu));
            readings.add(reading(device, "mem", at, 2 * cpu + random.nextGaussian() * 0.5));
        }
        return readings;
    }

    private static Map<String, Object> reading(String device, String metric, Instant at, double value) {
        return Map.of(
                "tenant_id", TENANT, "asset_id", device, "metric", metric, "timestamp", at.toString(), "value", value);
    }

    private KafkaConsumer<String, AnomalyEvent> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "reader");
        return new KafkaConsumer<>(
                config,
                new StringDeserializer(),
                SharedInfrastructure.serdes().value(AnomalyEvent.class).deserializer());
    }
}
