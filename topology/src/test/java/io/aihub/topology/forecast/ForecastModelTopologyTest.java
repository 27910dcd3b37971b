package io.aihub.topology.forecast;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.topology.anomaly.ScoringDriver;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.registry.ModelId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training → registry → promote → the stream forecasting with the model: a series in a production quantile GBM
 * forecast model's scope is forecast by it once its history covers the model's 168 h, other series and shorter
 * histories by the seasonal baseline.
 */
class ForecastModelTopologyTest {

    private static final long HOUR = SeasonalSeries.HOUR;
    private static final long START = SeasonalSeries.START.toEpochMilli();
    private static final ModelId MODEL = new ModelId("grid", "load-forecast", "v1.0.0");

    private static QuantileGbmForecaster trained;

    private final ScoringDriver stream = new ScoringDriver("forecast-model-test", START);

    @BeforeAll
    static void train() {
        trained = QuantileGbmForecaster.train(SeasonalSeries.hourly(8 * 168, 3), SeasonalSeries.quickSettings());
    }

    @AfterEach
    void close() {
        stream.close();
    }

    @Test
    void shouldForecastWithThePromotedModelOnceTheSeriesHasAWeekOfHistory() {
        // Given the trained forecaster registered and promoted for asset feeder-1's metric load, with its metrics
        stream.register(
                MODEL,
                ModelType.forecast,
                trained.model(),
                ModelStage.staging,
                "{\"asset_id\":\"feeder-1\",\"metric\":\"load\"}",
                "{\"mae\":1.25,\"coverage_p10_p90\":0.8,\"note\":\"not a number\"}");
        stream.promote(MODEL);

        // When 9 days of hourly readings arrive for feeder-1 and feeder-2
        History series = SeasonalSeries.hourly(9 * 24, 11);
        for (int i = 0; i < series.size(); i++) {
            send("feeder-1", series.time(i), series.value(i));
            send("feeder-2", series.time(i), series.value(i));
        }

        // Then feeder-1's forecasts are the baseline's until 168 h of history precede the issue time (readings 0..168 h
        // are before 169:00), the model's after
        List<ForecastEvent> events = stream.forecasts.readValuesToList();
        List<ForecastEvent> feeder1 =
                events.stream().filter(e -> e.getAssetId().equals("feeder-1")).toList();
        assertThat(feeder1).isNotEmpty().allSatisfy(e -> {
            boolean weekBehind = e.getIssuedAt().toEpochMilli() - START >= 169 * HOUR;
            assertThat(e.getModelName()).isEqualTo(weekBehind ? MODEL.modelName() : SeasonalBaselineForecaster.NAME);
        });
        ForecastEvent last = feeder1.getLast();
        assertThat(last.getModelVersion()).isEqualTo("v1.0.0");
        assertThat(last.getFeaturesUsed()).containsExactlyElementsOf(QuantileGbmForecaster.FEATURES);
        assertThat(last.getTrainingMetrics()).isEqualTo(Map.of("mae", 1.25, "coverage_p10_p90", 0.8));
        // And its points are exactly the model's over the readings before the issue time
        Instant issue = last.getIssuedAt();
        History before = StoredHistory.read(
                stream.store(FeatureStores.READINGS),
                new SeriesKey("grid", "feeder-1", "load"),
                SeasonalSeries.START,
                issue);
        var request = ForecastRequest.hourly(issue, 24);
        assertThat(last.getPoints().stream()
                        .map(p -> List.of(p.getP10(), p.getP50(), p.getP90()))
                        .toList())
                .isEqualTo(trained.forecast(before, request).stream()
                        .map(p -> List.of(p.p10(), p.p50(), p.p90()))
                        .toList());
        // And feeder-2, outside the model's scope, stays with the baseline
        assertThat(events.stream().filter(e -> e.getAssetId().equals("feeder-2")))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getModelName()).isEqualTo(SeasonalBaselineForecaster.NAME));
        assertThat(last.getPoints())
                .extracting(ForecastEventPoint::getP50)
                .allSatisfy(p -> assertThat(p).isBetween(60.0, 140.0));
    }

    private void send(String asset, long t, double value) {
        stream.telemetry.pipeInput(SeriesKey.partitionKey("grid", asset), reading("grid", asset, "load", t, value));
    }
}
