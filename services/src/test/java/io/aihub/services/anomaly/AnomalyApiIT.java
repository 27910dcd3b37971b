package io.aihub.services.anomaly;

import static io.aihub.services.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** POST /ai/anomaly against the running application: the documented request, response and errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyApiIT {

    private AppInstance app;

    @BeforeAll
    void start() {
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("anomaly-api"),
                SharedInfrastructure.uniquePrefix("anomaly-api"),
                Map.of());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldFlagAPlantedSpikeInTheHighBand() {
        // Given 100 hours alternating 10 and 12 (mean 11, std 1), then 11 + 4 = 15 at hour 100
        List<Double> values = Series.with(Series.alternating(101), 100, 15.0);

        Reply reply = detect(request(values, "z_score", null, null));

        // Then only that point is an anomaly, scoring 4 std devs: high (3.5-4.5)
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode anomalies = reply.body().path("anomalies");
        assertThat(anomalies.size()).as(anomalies.toString()).isEqualTo(1);
        JsonNode spike = anomalies.path(0);
        assertThat(spike.path("timestamp").asString())
                .isEqualTo(Series.hour(100).toString());
        assertThat(spike.path("value").asDouble()).isEqualTo(15.0);
        assertThat(spike.path("anomaly_score").asDouble()).isBetween(3.9, 4.0);
        assertThat(spike.path("is_anomaly").asBoolean()).isTrue();
        assertThat(spike.path("severity").asString()).isEqualTo("high");
        assertThat(spike.path("expected_range").path("mean").asDouble()).isBetween(10.9, 11.1);
        assertThat(spike.path("explanation").asString()).startsWith("Value deviates 3.9");
        JsonNode summary = reply.body().path("summary");
        assertThat(summary.path("total_points").asInt()).isEqualTo(101);
        assertThat(summary.path("anomalies_detected").asInt()).isEqualTo(1);
        assertThat(summary.path("anomaly_rate").asDouble()).isEqualTo(1.0 / 101);
        assertThat(summary.path("max_anomaly_score").asDouble())
                .isEqualTo(spike.path("anomaly_score").asDouble());
        assertThat(summary.path("method_used").asString()).isEqualTo("z_score");
        assertThat(summary.path("sensitivity").asDouble()).isEqualTo(3.0);
        assertThat(reply.body().path("tenant_id").asString()).isEqualTo("t1");
        assertThat(reply.body().path("asset_id").asString()).isEqualTo("meter-001");
        assertThat(reply.body().path("detection_id").asString()).startsWith("det-");
        assertThat(Instant.parse(reply.body().path("generated_at").asString())).isNotNull();
    }

    @Test
    void shouldRateAMuchLargerSpikeCritical() {
        Reply reply = detect(request(Series.with(Series.alternating(101), 100, 30.0), "z_score", null, null));

        assertThat(reply.body().path("anomalies").path(0).path("severity").asString())
                .isEqualTo("critical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"z_score", "iqr", "prophet_decomposition"})
    void shouldStayQuietOnCleanNoise(String method) {
        // bounded noise: 50 ± 3, no value beyond 1.8 std devs of the mean
        Reply reply = detect(request(Series.uniformNoise(400, 11), method, null, null));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("anomalies").size())
                .as(reply.body().toString())
                .isZero();
        assertThat(reply.body().path("summary").path("anomalies_detected").asInt())
                .isZero();
        // the default lookback of 168 hours judges the last 168 points; the 232 before are history
        assertThat(reply.body().path("summary").path("total_points").asInt()).isEqualTo(168);
        assertThat(reply.body().path("summary").path("history_points").asInt()).isEqualTo(232);
        assertThat(reply.body().path("summary").path("max_anomaly_score").asDouble())
                .isLessThan(3.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"z_score", "iqr", "prophet_decomposition", "isolation_forest", "local_outlier_factor"})
    void shouldFlagASpikeInNoiseWithEveryMethod(String method) {
        // Given 300 hours of noise (mean 50, std 2) with a spike of 50 + 20 std devs at hour 280
        Reply reply = detect(request(Series.with(Series.noise(300, 5), 280, 90.0), method, null, null));

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().path("summary").path("method_used").asString()).isEqualTo(method);
        JsonNode anomalies = reply.body().path("anomalies");
        assertThat(anomalies.valueStream().map(a -> a.path("timestamp").asString()))
                .as(anomalies.toString())
                .contains(Series.hour(280).toString());
        JsonNode spike = anomalies
                .valueStream()
                .filter(a ->
                        a.path("timestamp").asString().equals(Series.hour(280).toString()))
                .findFirst()
                .orElseThrow();
        assertThat(spike.path("severity").asString()).isEqualTo("critical");
        assertThat(spike.path("anomaly_score").asDouble()).isGreaterThan(4.5);
    }

    @Test
    void shouldUseIsolationForestByDefault() {
        Reply reply = detect(request(Series.noise(120, 3), null, null, null));

        assertThat(reply.body().path("summary").path("method_used").asString()).isEqualTo("isolation_forest");
        // its first 100 points are warming up: the forest needs 100 rows before its first score
        assertThat(reply.body().path("summary").path("warming_up_points").asInt())
                .isEqualTo(100);
    }

    @Test
    void shouldLearnTrainingDataBeforeScoring() {
        // Given two points, the second 11 + 4
        List<Map<String, Object>> series =
                List.of(Series.point(Series.hour(200), 11.0), Series.point(Series.hour(201), 15.0));
        Map<String, Object> untrained = request(series, "z_score");
        Map<String, Object> trained = request(series, "z_score");
        trained.put("training_data", Series.hourly(Series.START, Series.alternating(100)));

        // When scored without and with 100 training points
        Reply without = detect(untrained);
        Reply with = detect(trained);

        // Then without training both are warming up; with it the spike is flagged, high
        assertThat(without.body().path("anomalies").size()).isZero();
        assertThat(without.body().path("summary").path("warming_up_points").asInt())
                .isEqualTo(2);
        assertThat(with.body().path("summary").path("training_points").asInt()).isEqualTo(100);
        assertThat(with.body().path("summary").path("warming_up_points").asInt())
                .isZero();
        assertThat(with.body().path("anomalies").size()).isEqualTo(1);
        assertThat(with.body().path("anomalies").path(0).path("severity").asString())
                .isEqualTo("high");
    }

    @Test
    void shouldJudgeOnlyTheLastLookbackHours() {
        // Given 100 hours alternating 10/12 with spikes at hours 40 and 95
        List<Double> values = Series.with(Series.with(Series.alternating(100), 40, 30.0), 95, 30.0);

        Reply recent = detect(request(values, "z_score", null, 24));
        Reply all = detect(request(values, "z_score", null, null));

        // Then with 24 h only hours 76-99 are judged, the rest is history: only the recent spike is reported
        assertThat(recent.body().path("summary").path("total_points").asInt()).isEqualTo(24);
        assertThat(recent.body().path("summary").path("history_points").asInt()).isEqualTo(76);
        assertThat(recent.body().path("summary").path("window_start").asString())
                .isEqualTo(Series.hour(75).toString());
        assertThat(timestamps(recent)).containsExactly(Series.hour(95).toString());
        // And with the default 168 h every point is judged
        assertThat(all.body().path("summary").path("total_points").asInt()).isEqualTo(100);
        assertThat(timestamps(all))
                .containsExactly(Series.hour(40).toString(), Series.hour(95).toString());
    }

    @Test
    void shouldFlagMoreAtALowerSensitivity() {
        // 11 + 2.5 scores about 2.5: an anomaly at sensitivity 2.0, not at the default 3.0
        List<Double> values = Series.with(Series.alternating(101), 100, 13.5);

        assertThat(detect(request(values, "z_score", null, null))
                        .body()
                        .path("anomalies")
                        .size())
                .isZero();
        Reply sensitive = detect(request(values, "z_score", 2.0, null));
        assertThat(sensitive.body().path("anomalies").size()).isEqualTo(1);
        assertThat(sensitive.body().path("anomalies").path(0).path("severity").asString())
                .isEqualTo("low");
        assertThat(sensitive.body().path("summary").path("sensitivity").asDouble())
                .isEqualTo(2.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 5.5})
    void shouldRejectSensitivityOutOfRangeWith422(double sensitivity) {
        Reply reply = detect(request(Series.alternating(10), "z_score", sensitivity, null));

        assertProblem(reply, 422, "sensitivity");
    }

    @Test
    void shouldRejectASeriesOfOnePointWith422() {
        Reply reply = detect(request(Series.alternating(1), "z_score", null, null));

        assertProblem(reply, 422, "time_series");
        assertThat(reply.body().path("detail").asString()).contains("at least 2 points");
    }

    @Test
    void shouldRejectAnUnknownMethodWith422ListingTheOptions() {
        Reply reply = detect(request(Series.alternating(10), "prophet", null, null));

        assertProblem(reply, 422, "method");
        assertThat(reply.body().path("detail").asString())
                .contains("z_score, iqr, prophet_decomposition, isolation_forest, local_outlier_factor");
    }

    @Test
    void shouldRejectAMissingTenantAndABadTimestampNamingBoth() {
        Map<String, Object> body = request(Series.alternating(3), "z_score", null, null);
        body.remove("tenant_id");
        @SuppressWarnings("unchecked")
        var series = (List<Map<String, Object>>) body.get("time_series");
        series.get(1).put("timestamp", "not a time");

        Reply reply = detect(body);

        assertProblem(reply, 422, "tenant_id");
        assertThat(reply.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactly("tenant_id", "time_series[1].timestamp");
    }

    @Test
    void shouldRejectAWronglyTypedFieldWith422AndMalformedJsonWith400() {
        Map<String, Object> body = request(Series.alternating(3), "z_score", null, null);
        body.put("sensitivity", "high");

        assertProblem(detect(body), 422, "sensitivity");
        assertProblem(app.postRaw("/ai/anomaly", "{\"tenant_id\":", "application/json"), 400, "$");
    }

    private Reply detect(Map<String, Object> body) {
        return app.post("/ai/anomaly", body);
    }

    private static List<String> timestamps(Reply reply) {
        return reply.body()
                .path("anomalies")
                .valueStream()
                .map(a -> a.path("timestamp").asString())
                .toList();
    }

    private static Map<String, Object> request(
            List<Double> values, String method, Double sensitivity, Integer lookbackHours) {
        Map<String, Object> body = request(Series.hourly(Series.START, values), method);
        if (sensitivity != null) {
            body.put("sensitivity", sensitivity);
        }
        if (lookbackHours != null) {
            body.put("lookback_hours", lookbackHours);
        }
        return body;
    }

    private static Map<String, Object> request(List<Map<String, Object>> series, String method) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", "t1");
        body.put("asset_id", "meter-001");
        body.put("time_series", series.stream().map(LinkedHashMap::new).toList());
        if (method != null) {
            body.put("method", method);
        }
        return body;
    }
}
