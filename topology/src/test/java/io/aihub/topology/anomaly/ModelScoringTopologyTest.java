package io.aihub.topology.anomaly;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ModelStage;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.registry.ModelId;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream scores with whatever version is in production now: a promote swaps the model without a restart. */
class ModelScoringTopologyTest {

    private static final long H = 3_600_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    private ScoringDriver scoring;

    @BeforeEach
    void start() {
        scoring = new ScoringDriver("scoring-test", START);
    }

    @AfterEach
    void stop() {
        scoring.close();
    }

    @Test
    void shouldScoreWithTheVersionInProductionAndSwapOnPromote() {
        register("v1.0.0", profileAround(10.0), ModelStage.production, "{}");
        send(START + 100 * H, 10.2);
        send(START + 101 * H, 100.0);

        var first = scoring.anomalies.readValuesToList();
        assertThat(first).singleElement().satisfies(event -> {
            assertThat(event.getModelId()).isEqualTo("acme:load-profile:v1.0.0");
            assertThat(event.getValue()).isEqualTo(100.0);
            assertThat(event.getMethod()).isEqualTo("prophet_decomposition");
            assertThat(event.getSeverity()).isEqualTo(AnomalySeverity.critical);
            assertThat(event.getExpectedRange().getMean()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.2));
        });

        register("v2.0.0", profileAround(100.0), ModelStage.staging, "{}");
        send(START + 102 * H, 100.0);
        assertThat(scoring.anomalies.readValuesToList())
                .as("v2 is only staging: v1 still scores")
                .extracting(AnomalyEvent::getModelId)
                .containsExactly("acme:load-profile:v1.0.0");

        promote("v2.0.0");
        send(START + 103 * H, 100.0);
        send(START + 104 * H, 10.0);

        assertThat(scoring.anomalies.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getModelId()).isEqualTo("acme:load-profile:v2.0.0");
            assertThat(event.getValue()).isEqualTo(10.0);
        });
        assertThat(scoring.loads())
                .as("each version loaded once, then served from the cache")
                .isEqualTo(2);
    }

    @Test
    void shouldIgnoreOtherTenantsModelsAndModelsScopedToOtherAssets() {
        register("v1.0.0", profileAround(10.0), ModelStage.production, "{\"asset_id\":\"other-asset\"}");
        send(START + 100 * H, 1000.0);
        scoring.telemetry.pipeInput(
                SeriesKey.partitionKey("someone-else", "meter-1"),
                reading("someone-else", "meter-1", "value", START + 100 * H, 1000.0));
        assertThat(scoring.anomalies.isEmpty()).isTrue();
    }

    @Test
    void shouldSkipAModelWhoseArtifactDoesNotMatchItsChecksumAndKeepStreaming() {
        register("v1.0.0", profileAround(10.0), ModelStage.production, "{}");
        scoring.artifacts.put("acme:load-profile:v1.0.0", ModelArtifacts.write(profileAround(50.0)));
        send(START + 100 * H, 1000.0);
        assertThat(scoring.anomalies.isEmpty()).isTrue();
        assertThat(scoring.driver
                        .createOutputTopic(
                                scoring.topics.features().name(),
                                scoring.topics.features().keySerde().deserializer(),
                                scoring.topics.features().valueSerde().deserializer())
                        .readValuesToList())
                .hasSize(1);
    }

    private void send(long timestamp, double value) {
        scoring.telemetry.pipeInput(
                SeriesKey.partitionKey("acme", "meter-1"), reading("acme", "meter-1", "value", timestamp, value));
    }

    private static SeasonalProfileModel profileAround(double level) {
        int n = 24 * 7 * 4;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = START + i * H;
            values[i] = level + ((i * 7919) % 11 - 5) * 0.1;
        }
        return SeasonalProfileModel.train(times, values);
    }

    private void register(String version, SeasonalProfileModel model, ModelStage stage, String metadata) {
        scoring.register(new ModelId("acme", "load-profile", version), model, stage, metadata);
    }

    private void promote(String version) {
        scoring.promote(new ModelId("acme", "load-profile", version));
    }
}
