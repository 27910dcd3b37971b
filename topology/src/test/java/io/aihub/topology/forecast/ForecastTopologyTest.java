package io.aihub.topology.forecast;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import io.aihub.schemas.ForecastKind;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.TopologyDrivers;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.catalog.ForecastPolicy;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A series of an enabled asset gets one forecast per closed event-time hour, kept per series in the store. */
class ForecastTopologyTest {

    private static final long MIN10 = 600_000L;
    private static final long HOUR = 3_600_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static final Topics TOPICS = Topics.of("", SerdeFactory.plainAvro());
    private static final String CATALOG = """
            version: 1
            forecasting:
              default: {type: load, horizon_hours: 24, interval_minutes: 60}
              tenants:
                acme:
                  type: generation
                  assets:
                    pv-2: {horizon_hours: 6, interval_minutes: 30}
                    off: {enabled: false}
            anomaly_detection: {default: {methods: []}}
            feature_sets: {basic: {features: [hour_of_day]}}
            """;

    @AutoClose
    private TopologyTestDriver driver;

    private TestInputTopic<String, TelemetryReading> telemetry;
    private TestOutputTopic<String, ForecastEvent> forecasts;

    @BeforeEach
    void openDriver() throws IOException {
        var catalog = FeatureCatalog.load(Files.writeString(dir.resolve("catalog.yaml"), CATALOG));
        driver =
                TopologyDrivers.open(TopologyDrivers.application(catalog, TOPICS), TOPICS, "forecast-test", dir, START);
        telemetry = TopologyDrivers.input(driver, TOPICS.telemetry());
        forecasts = TopologyDrivers.output(driver, TOPICS.forecasts());
    }

    @Test
    void shouldIssueOneForecastWhenAnHourClosesWithOrderedQuantiles() {
        // Given two days of 10-minute readings of a daily cycle, up to 47:50
        daily("acme", "pv-1", "power", 0, 48 * 6);
        forecasts.readValuesToList(); // hours closed while history was shorter or long enough: not judged here

        // When two more readings arrive in hour 48 (the first closes hour 47, the second closes nothing)
        send("acme", "pv-1", "power", START + 48 * HOUR, 55.0);
        send("acme", "pv-1", "power", START + 48 * HOUR + MIN10, 56.0);

        // Then exactly one forecast, issued at 48:00, of the tenant's type, 24 hourly points after it
        List<ForecastEvent> events = forecasts.readValuesToList();
        assertThat(events).hasSize(1);
        ForecastEvent event = events.getFirst();
        Instant issue = Instant.ofEpochMilli(START + 48 * HOUR);
        var request = new ForecastRequest(ForecastType.GENERATION, issue, 24, 60);
        assertThat(event.getForecastId()).isEqualTo(ForecastEvents.id(new SeriesKey("acme", "pv-1", "power"), request));
        assertThat(List.of(
                        event.getTenantId(),
                        event.getAssetId(),
                        event.getMetric(),
                        event.getModelName(),
                        event.getModelVersion()))
                .containsExactly("acme", "pv-1", "power", SeasonalBaselineForecaster.NAME, "builtin");
        assertThat(event.getIssuedAt()).isEqualTo(issue);
        assertThat(event.getForecastType()).isEqualTo(ForecastKind.generation);
        assertThat(event.getHorizonHours()).isEqualTo(24);
        assertThat(event.getIntervalMinutes()).isEqualTo(60);
        assertThat(event.getFeaturesUsed()).containsExactlyElementsOf(ForecastEvents.BASELINE_FEATURES);
        assertThat(event.getTrainingMetrics()).isNull();
        assertThat(event.getPoints()).hasSize(24);
        for (int k = 0; k < 24; k++) {
            ForecastEventPoint p = event.getPoints().get(k);
            assertThat(p.getTimestamp()).isEqualTo(issue.plusSeconds(3600L * (k + 1)));
            assertThat(p.getP10()).isLessThanOrEqualTo(p.getP50()).isGreaterThanOrEqualTo(0.0);
            assertThat(p.getP50()).isLessThanOrEqualTo(p.getP90());
            assertThat(p.getPointForecast()).isEqualTo(p.getP50());
            assertThat(p.getPredictionIntervalLower()).isEqualTo(p.getP10());
            assertThat(p.getPredictionIntervalUpper()).isEqualTo(p.getP90());
            assertThat(p.getConfidence()).isEqualTo(ForecastEvents.CONFIDENCE);
        }
        // And the points are the baseline's over the readings before the issue time (not the one that closed it)
        History before = StoredHistory.read(
                driver.getKeyValueStore(FeatureStores.READINGS),
                new SeriesKey("acme", "pv-1", "power"),
                Instant.ofEpochMilli(START),
                issue);
        assertThat(before.size()).isEqualTo(48 * 6);
        assertThat(event.getPoints().stream().map(ForecastEventPoint::getP50).toList())
                .containsExactlyElementsOf(new SeasonalBaselineForecaster()
                        .forecast(before, request).stream()
                                .map(ForecastPoint::p50)
                                .toList());
        // And the store keeps it as the series' latest
        assertThat(ForecastStores.ofAsset(driver.getKeyValueStore(ForecastStores.FORECASTS), "acme", "pv-1"))
                .containsExactly(event);
    }

    @Test
    void shouldIssueEveryHourOnceHistoryCoversADayAndUseTheAssetsRule() {
        // Given 30 hours of readings of an asset with its own horizon and interval
        daily("acme", "pv-2", "power", 0, 30 * 6);

        // Then hours closed with 24 h of history behind them were forecast, once each: issued at 25:00..29:00 (at
        // 24:00 the readings 00:00-23:50 span less than the baseline's 24 h)
        List<ForecastEvent> events = forecasts.readValuesToList();
        assertThat(events.stream().map(e -> e.getIssuedAt().toEpochMilli()).toList())
                .containsExactly(
                        START + 25 * HOUR, START + 26 * HOUR, START + 27 * HOUR, START + 28 * HOUR, START + 29 * HOUR);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getHorizonHours()).isEqualTo(6);
            assertThat(e.getIntervalMinutes()).isEqualTo(30);
            assertThat(e.getPoints()).hasSize(12);
        });

        // When a late reading arrives in an hour already forecast
        send("acme", "pv-2", "power", START + 29 * HOUR - MIN10 + 1, 10.0);

        // Then nothing more is issued
        assertThat(forecasts.isEmpty()).isTrue();
    }

    @Test
    void shouldIssueNothingForAnAssetWithoutForecasting() {
        // Given two days of readings of an asset whose rule disables forecasting
        daily("acme", "off", "power", 0, 48 * 6 + 1);

        // Then no forecast
        assertThat(forecasts.isEmpty()).isTrue();
        assertThat(ForecastStores.ofAsset(driver.getKeyValueStore(ForecastStores.FORECASTS), "acme", "off"))
                .isEmpty();
    }

    @Test
    void shouldForecastNothingWithoutAForecastingSectionAndEverySeriesWithTheShippedCatalog() {
        assertThat(new FeatureCatalog(1, Map.of()).forecastPolicy().resolve("acme", "pv-1"))
                .isEqualTo(new ForecastPolicy.Resolved(false, ForecastType.LOAD, 24, 60));
        assertThat(FeatureCatalog.loadDefault().forecastPolicy().resolve("acme", "pv-1"))
                .isEqualTo(new ForecastPolicy.Resolved(true, ForecastType.LOAD, 24, 60));
    }

    private void daily(String tenant, String asset, String metric, int from, int to) {
        for (int i = from; i < to; i++) {
            double hour = (i / 6) % 24;
            double value = 50 + 30 * Math.sin(2 * Math.PI * hour / 24) + (i % 3);
            send(tenant, asset, metric, START + i * MIN10, value);
        }
    }

    private void send(String tenant, String asset, String metric, long t, double value) {
        telemetry.pipeInput(SeriesKey.partitionKey(tenant, asset), reading(tenant, asset, metric, t, value));
    }
}
