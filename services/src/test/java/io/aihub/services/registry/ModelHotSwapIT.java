package io.aihub.services.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the real broker, registry and S3: the running stream scores readings with the production model of the
 * registry, and a promote switches it to the new version within seconds, without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelHotSwapIT {

    private static final Logger log = LoggerFactory.getLogger(ModelHotSwapIT.class);
    private static final long H = 3_600_000L;
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private String prefix;
    private AppInstance app;
    private KafkaConsumer<String, AnomalyEvent> anomalies;

    @BeforeAll
    void start() {
        prefix = SharedInfrastructure.uniquePrefix("hot-swap");
        app = AppInstance.start(SharedInfrastructure.uniqueApplicationId("hot-swap"), prefix, Map.of());
        anomalies = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueApplicationId("anomaly-reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                SharedInfrastructure.serdes().value(AnomalyEvent.class).deserializer());
        anomalies.subscribe(List.of(prefix + "anomalies"));
    }

    @AfterAll
    void stop() {
        if (anomalies != null) {
            anomalies.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldScoreWithTheNewProductionVersionWithinSecondsOfItsPromotion() {
        // Given v1, trained on a level of 10, in production
        assertThat(register("v1.0.0", profileAround(10.0), "production").status())
                .isEqualTo(201);
        // When a reading of 100 arrives, v1 flags it
        ingest(START.plusMillis(500 * H), 100.0);
        AnomalyEvent first = awaitAnomaly();
        assertThat(first.getModelId()).isEqualTo("acme:load-profile:v1.0.0");
        assertThat(first.getValue()).isEqualTo(100.0);

        // Given v2, trained on a level of 100, registered in staging and then promoted
        assertThat(register("v2.0.0", profileAround(100.0), "staging").status()).isEqualTo(201);
        long promoting = System.nanoTime();
        Reply promoted = app.put("/ai/models/acme:load-profile:v2.0.0/promote", Map.of("target_stage", "production"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().path("archived_model_id").asString()).isEqualTo("acme:load-profile:v1.0.0");

        // When readings of 10 arrive after the promote, v2 (not v1) scores them: 10 is anomalous for v2 only
        long t = 501;
        AnomalyEvent swapped = null;
        while (swapped == null) {
            ingest(START.plusMillis(t++ * H), 10.0);
            swapped = pollAnomaly(Duration.ofMillis(200));
            assertThat(System.nanoTime() - promoting)
                    .as("v2 took over within 30 s of the promote")
                    .isLessThan(Duration.ofSeconds(30).toNanos());
        }
        long millis = (System.nanoTime() - promoting) / 1_000_000;
        log.info("Promote -> first anomaly scored by the new version: {} ms (readings sent: {})", millis, t - 501);
        assertThat(swapped.getModelId()).isEqualTo("acme:load-profile:v2.0.0");
        assertThat(swapped.getValue()).isEqualTo(10.0);
        assertThat(swapped.getMethod()).isEqualTo("prophet_decomposition");
    }

    private Reply register(String version, SeasonalProfileModel model, String stage) {
        var body = new LinkedHashMap<String, Object>();
        body.put("tenant_id", "acme");
        body.put("model_name", "load-profile");
        body.put("version", version);
        body.put("model_type", "anomaly");
        body.put("stage", stage);
        body.put("model_file", Base64.getEncoder().encodeToString(ModelArtifacts.write(model)));
        body.put("metadata", Map.of("algorithm", "seasonal_profile", "metric", "power"));
        body.put("metrics", Map.of("training_samples", 672));
        return app.post("/ai/models/register", body);
    }

    private void ingest(Instant timestamp, double value) {
        var reading = Map.<String, Object>of(
                "tenant_id", "acme",
                "asset_id", "meter-1",
                "metric", "power",
                "timestamp", timestamp.toString(),
                "value", value);
        assertThat(app.post("/ingest/telemetry", List.of(reading)).status()).isEqualTo(202);
    }

    private AnomalyEvent awaitAnomaly() {
        var found = new ArrayList<AnomalyEvent>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            anomalies.poll(Duration.ofMillis(200)).forEach(r -> found.add(r.value()));
            return !found.isEmpty();
        });
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private AnomalyEvent pollAnomaly(Duration wait) {
        var records = anomalies.poll(wait);
        return records.isEmpty() ? null : records.iterator().next().value();
    }

    private static SeasonalProfileModel profileAround(double level) {
        int n = 24 * 7 * 4;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = START.toEpochMilli() + i * H;
            values[i] = level + ((i * 7919) % 11 - 5) * 0.1;
        }
        return SeasonalProfileModel.train(times, values);
    }
}
