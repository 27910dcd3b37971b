package io.aihub.services.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.ExpectedRange;
import io.aihub.topology.anomaly.detect.Point;
import io.aihub.topology.anomaly.detect.Scored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The response of POST /ai/anomaly: its mapping from the detectors' scores, the lookback window, training. */
class AnomalyServiceTest {

    private static final Instant NOW = Instant.parse("2025-10-10T00:00:00Z");
    private static final long H = 3_600_000L;
    private static final long T0 = Series.START.toEpochMilli();
    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    @Test
    void shouldListOnlyAnomaliesAndSummariseEveryJudgedPoint() {
        // Given three judged points: one warming up, one quiet, one anomaly
        var query = query(DetectionMethod.Z_SCORE, 3.0, 168, points(0, 3), List.of());
        var range = new ExpectedRange(35, 55, 45, 5);
        List<Scored> scores = List.of(
                new Scored(0, false, null, "Warming up: 0 of the 30 readings needed before scoring", true),
                new Scored(1.0, false, range, "Value deviates 1.00 std devs from expected", false),
                new Scored(4.6, true, range, "Value deviates 4.60 std devs from expected", false));

        AnomalyResponse response = AnomalyService.respond(
                query, query.series(), scores, 0, Instant.ofEpochMilli(T0 - 168 * H), NOW, "det-1");

        assertThat(response)
                .isEqualTo(new AnomalyResponse(
                        "det-1",
                        "t1",
                        "a1",
                        List.of(new AnomalyResponse.Anomaly(
                                Instant.ofEpochMilli(T0 + 2 * H),
                                2.0,
                                4.6,
                                true,
                                new AnomalyResponse.Range(35, 55, 45, 5),
                                "critical",
                                "Value deviates 4.60 std devs from expected")),
                        new AnomalyResponse.Summary(
                                3,
                                1,
                                1.0 / 3,
                                (0 + 1.0 + 4.6) / 3,
                                4.6,
                                "z_score",
                                3.0,
                                1,
                                0,
                                0,
                                Instant.ofEpochMilli(T0 - 168 * H)),
                        NOW));
    }

    @Test
    void shouldWriteTheDocumentedSnakeCaseFieldNames() {
        var query = query(DetectionMethod.IQR, 3.0, 168, points(0, 1), List.of());
        List<Scored> scores = List.of(new Scored(3.0, true, null, "why", false));

        JsonNode json = JSON.valueToTree(
                AnomalyService.respond(query, query.series(), scores, 0, Instant.ofEpochMilli(T0), NOW, "det-2"));

        assertThat(json.propertyNames())
                .containsExactly("detection_id", "tenant_id", "asset_id", "anomalies", "summary", "generated_at");
        assertThat(json.path("anomalies").path(0).propertyNames())
                .containsExactly(
                        "timestamp",
                        "value",
                        "anomaly_score",
                        "is_anomaly",
                        "expected_range",
                        "severity",
                        "explanation");
        assertThat(json.path("anomalies").path(0).path("expected_range").isNull())
                .isTrue();
        assertThat(json.path("anomalies").path(0).path("timestamp").asString()).isEqualTo("2025-10-01T00:00:00Z");
        assertThat(json.path("summary").propertyNames())
                .containsExactly(
                        "total_points",
                        "anomalies_detected",
                        "anomaly_rate",
                        "mean_anomaly_score",
                        "max_anomaly_score",
                        "method_used",
                        "sensitivity",
                        "warming_up_points",
                        "history_points",
                        "training_points",
                        "window_start");
        assertThat(json.path("generated_at").asString()).isEqualTo("2025-10-10T00:00:00Z");
    }

    @Test
    void shouldJudgeOnlyTheLookbackWindowAndLearnTheEarlierPointsAsHistory() {
        // Given 100 hourly points alternating 10/12 with spikes at hours 40 (old) and 95 (recent)
        List<Point> series = new ArrayList<>(points(Series.alternating(100)));
        series.set(40, new Point(T0 + 40 * H, 30.0));
        series.set(95, new Point(T0 + 95 * H, 30.0));

        // When only the last 24 hours are looked at
        var response = AnomalyService.detect(query(DetectionMethod.Z_SCORE, 3.0, 24, series, List.of()), NOW, "d");

        // Then the window is (hour 75, hour 99]: 24 points judged, 76 learnt, only the recent spike reported
        assertThat(response.summary().totalPoints()).isEqualTo(24);
        assertThat(response.summary().historyPoints()).isEqualTo(76);
        assertThat(response.summary().warmingUpPoints()).isZero();
        assertThat(response.summary().windowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 75 * H));
        assertThat(response.anomalies())
                .extracting(AnomalyResponse.Anomaly::timestamp)
                .containsExactly(Instant.ofEpochMilli(T0 + 95 * H));

        // And with the whole series in the window the old spike is judged too (the recent one, now judged
        // against a window that holds the old spike, still is)
        var whole = AnomalyService.detect(query(DetectionMethod.Z_SCORE, 3.0, 168, series, List.of()), NOW, "d");
        assertThat(whole.summary().totalPoints()).isEqualTo(100);
        assertThat(whole.summary().warmingUpPoints()).isEqualTo(30);
        assertThat(whole.anomalies())
                .extracting(AnomalyResponse.Anomaly::timestamp)
                .containsExactly(Instant.ofEpochMilli(T0 + 40 * H), Instant.ofEpochMilli(T0 + 95 * H));
    }

    @Test
    void shouldScoreFromTheFirstPointWithTrainingData() {
        // Given a short series with a spike of 11 + 4 (score just under 4: high) and 100 training points 10/12
        List<Point> series = List.of(new Point(T0 + 200 * H, 11.0), new Point(T0 + 201 * H, 15.0));
        List<Point> training = points(Series.alternating(100));

        var trained = AnomalyService.detect(query(DetectionMethod.Z_SCORE, 3.0, 168, series, training), NOW, "d");
        var untrained = AnomalyService.detect(query(DetectionMethod.Z_SCORE, 3.0, 168, series, List.of()), NOW, "d");

        assertThat(trained.summary().trainingPoints()).isEqualTo(100);
        assertThat(trained.summary().warmingUpPoints()).isZero();
        assertThat(trained.anomalies()).hasSize(1);
        AnomalyResponse.Anomaly spike = trained.anomalies().getFirst();
        assertThat(spike.anomalyScore()).isCloseTo(4.0 / Math.sqrt(101.0 / 100), within(0.05));
        assertThat(spike.severity()).isEqualTo("high");
        assertThat(spike.expectedRange()).isNotNull();
        assertThat(untrained.anomalies()).isEmpty();
        assertThat(untrained.summary().warmingUpPoints()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheSameScoresForTheSameRequest() {
        List<Point> series = points(Series.with(Series.noise(300, 7), 250, 90.0));
        var query = query(DetectionMethod.ISOLATION_FOREST, 3.0, 8760, series, List.of());

        assertThat(AnomalyService.detect(query, NOW, "d")).isEqualTo(AnomalyService.detect(query, NOW, "d"));
    }

    private static AnomalyQuery query(
            DetectionMethod method, double sensitivity, int lookback, List<Point> series, List<Point> training) {
        return new AnomalyQuery("t1", "a1", method, sensitivity, lookback, series, training);
    }

    private static List<Point> points(int from, int n) {
        List<Point> points = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            points.add(new Point(T0 + i * H, i));
        }
        return points;
    }

    private static List<Point> points(List<Double> values) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            points.add(new Point(T0 + i * H, values.get(i)));
        }
        return points;
    }
}
