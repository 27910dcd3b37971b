package io.aihub.services.forecast;

import static io.aihub.services.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.services.testing.SseClient;
import io.aihub.services.testing.SseClient.SseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * On the real broker: readings posted to {@code /ingest/telemetry} get a forecast on the {@code forecasts} topic when
 * an hour closes (only for the tenants the catalog enables), and {@code POST /ai/forecast} answers from that forecast,
 * computes one from the readings store or from posted history, and names every invalid field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastApiIT {

    private static final Instant START = Instant.parse("2025-10-06T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(10);
    private static final String CATALOG = """
            version: 1
            forecasting:
              tenants: {fc-off: {enabled: false}}
            anomaly_detection: {default: {methods: []}}
            feature_sets: {basic: {features: [hour_of_day]}}
            """;

    @AutoClose
    private AppInstance app;

    @AutoClose
    private SseClient sse;

    private String prefix;

    @BeforeAll
    void startApp() {
        prefix = SharedInfrastructure.uniquePrefix("forecast");
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("forecast"),
                prefix,
                Map.of("aihub.features.catalog", SharedInfrastructure.catalogFile(CATALOG)));
        sse = new SseClient(app.baseUrl(), Duration.ofSeconds(60));
    }

    @Test
    void shouldEmitAForecastPerClosedHourAndAnswerFromItOrFromTheReadings() {
        // Given forecast streams open for both tenants
        List<String> streamOn = sse.subscribe("/ai/forecasts/stream?tenant_id=fc-on");
        List<String> streamOff = sse.subscribe("/ai/forecasts/stream?tenant_id=fc-off");

        // And 26 h of 10-minute readings and one at 26:00, for an enabled tenant and a disabled one
        for (String tenant : List.of("fc-on", "fc-off")) {
            List<Map<String, Object>> readings = new ArrayList<>();
            for (int i = 0; i <= 26 * 6; i++) {
                Instant at = START.plus(STEP.multipliedBy(i));
                double value = 50 + 20 * Math.sin(2 * Math.PI * (i / 6) / 24.0) + i % 4;
                readings.add(Map.of(
                        "tenant_id",
                        tenant,
                        "asset_id",
                        "m-1",
                        "metric",
                        "kw",
                        "timestamp",
                        at.toString(),
                        "value",
                        value));
            }
            assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
        }

        // Then the forecasts topic gets fc-on's forecasts issued at 25:00 and 26:00, and nothing of fc-off
        Instant issued = START.plus(Duration.ofHours(26));
        List<ForecastEvent> events = new ArrayList<>();
        try (var consumer = SharedInfrastructure.consumer(prefix + "reader", ForecastEvent.class)) {
            consumer.subscribe(List.of(prefix + "forecasts"));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                assertThat(events).extracting(ForecastEvent::getIssuedAt).contains(issued);
            });
        }
        assertThat(events).extracting(ForecastEvent::getIssuedAt).containsExactly(issued.minusSeconds(3600), issued);
        assertThat(events).allSatisfy(e -> assertThat(e.getTenantId()).isEqualTo("fc-on"));
        ForecastEvent latest = events.getLast();
        assertThat(latest.getPoints()).hasSize(24);

        // And the enabled tenant's stream got both as "forecast" events with the response's field names
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(SseClient.events(streamOn)).hasSize(2));
        List<SseEvent> streamed = SseClient.events(streamOn);
        assertThat(streamed).extracting(SseEvent::name).containsOnly("forecast");
        assertThat(streamed)
                .extracting(e -> e.data().path("forecast_id").asString())
                .containsExactly(events.getFirst().getForecastId(), latest.getForecastId());
        JsonNode data = streamed.getLast().data();
        assertThat(Instant.parse(data.path("issued_at").asString())).isEqualTo(issued);
        assertThat(data.path("metric").asString()).isEqualTo("kw");
        assertThat(data.path("forecasts").size()).isEqualTo(24);
        assertThat(data.path("forecasts").path(0).path("quantiles").path("p50").asDouble())
                .isEqualTo(latest.getPoints().getFirst().getP50());
        assertThat(SseClient.events(streamOff)).isEmpty();

        // When the asset's forecast is asked for within what the stream issued, it is that forecast
        Reply reply = app.post(
                "/ai/forecast",
                Map.of("tenant_id", "fc-on", "asset_id", "m-1", "forecast_type", "load", "horizon_hours", 12));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("forecast_id").asString()).isEqualTo(latest.getForecastId());
        assertThat(body.path("tenant_id").asString()).isEqualTo("fc-on");
        assertThat(body.path("asset_id").asString()).isEqualTo("m-1");
        assertThat(body.path("forecasts").size()).isEqualTo(12);
        for (int k = 0; k < 12; k++) {
            JsonNode point = body.path("forecasts").path(k);
            ForecastEventPoint expected = latest.getPoints().get(k);
            assertThat(Instant.parse(point.path("timestamp").asString())).isEqualTo(expected.getTimestamp());
            assertThat(point.path("point_forecast").asDouble()).isEqualTo(expected.getPointForecast());
            assertThat(point.path("quantiles").path("p10").asDouble()).isEqualTo(expected.getP10());
            assertThat(point.path("quantiles").path("p50").asDouble()).isEqualTo(expected.getP50());
            assertThat(point.path("quantiles").path("p90").asDouble()).isEqualTo(expected.getP90());
            assertThat(point.path("confidence").asDouble()).isEqualTo(0.8);
            assertThat(point.path("prediction_interval_lower").asDouble()).isEqualTo(expected.getP10());
            assertThat(point.path("prediction_interval_upper").asDouble()).isEqualTo(expected.getP90());
        }
        JsonNode metadata = body.path("metadata");
        assertThat(metadata.path("model_name").asString()).isEqualTo("seasonal_baseline");
        assertThat(metadata.path("model_version").asString()).isEqualTo("builtin");
        assertThat(metadata.path("features_used").size()).isEqualTo(3);
        assertThat(Instant.parse(metadata.path("generated_at").asString())).isAfter(issued);
        for (String field : List.of("training_samples", "training_date", "mae", "rmse", "mape")) {
            assertThat(metadata.has(field)).as(field).isTrue();
        }

        // And without quantiles when asked so
        Map<String, Object> plain =
                new HashMap<>(Map.of("tenant_id", "fc-on", "asset_id", "m-1", "forecast_type", "load"));
        plain.put("include_quantiles", false);
        JsonNode first =
                app.post("/ai/forecast", plain).body().path("forecasts").path(0);
        assertThat(first.has("quantiles")).as(first.toString()).isFalse();
        assertThat(first.path("point_forecast").asDouble())
                .isEqualTo(latest.getPoints().getFirst().getP50());

        // When more is asked than the stream issued, it is computed now from the readings, issued at the last one
        Reply longer = app.post(
                "/ai/forecast",
                Map.of("tenant_id", "fc-on", "asset_id", "m-1", "forecast_type", "load", "horizon_hours", 48));
        assertThat(longer.status()).as(longer.body().toString()).isEqualTo(200);
        assertThat(longer.body().path("forecasts").size()).isEqualTo(48);
        assertThat(longer.body().path("forecast_id").asString()).isNotEqualTo(latest.getForecastId());
        assertThat(Instant.parse(longer.body()
                        .path("forecasts")
                        .path(0)
                        .path("timestamp")
                        .asString()))
                .isEqualTo(issued.plusSeconds(3600));
        assertThat(longer.body().path("metadata").path("training_samples").asInt())
                .isEqualTo(26 * 6 + 1);

        // And the IoT ML service's prediction endpoint answers the same forecast in its shape
        Reply predicted = app.get("/ml/forecasts/predict/m-1?field=kw&tenant_id=fc-on");
        assertThat(predicted.status()).as(predicted.body().toString()).isEqualTo(200);
        assertThat(predicted.body().path("device_uuid").asString()).isEqualTo("m-1");
        assertThat(predicted.body().path("field").asString()).isEqualTo("kw");
        assertThat(predicted.body().path("predictions").size()).isEqualTo(24);
        JsonNode prediction = predicted.body().path("predictions").path(0);
        ForecastEventPoint next = latest.getPoints().getFirst();
        assertThat(Instant.parse(prediction.path("timestamp").asString())).isEqualTo(next.getTimestamp());
        assertThat(List.of(
                        prediction.path("predicted_value").asDouble(),
                        prediction.path("confidence_lower").asDouble(),
                        prediction.path("confidence_upper").asDouble()))
                .containsExactly(next.getP50(), next.getP10(), next.getP90());
        assertProblem(app.get("/ml/forecasts/predict/m-1?tenant_id=fc-on"), 422, "field");

        // And an asset the stream does not hold is not found
        Reply unknown =
                app.post("/ai/forecast", Map.of("tenant_id", "fc-on", "asset_id", "nobody", "forecast_type", "load"));
        assertThat(unknown.status()).as(unknown.body().toString()).isEqualTo(404);
    }

    @Test
    void shouldForecastPostedHistoryFromItsLastTimestamp() {
        List<Map<String, Object>> history = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            history.add(Map.of("timestamp", START.plusSeconds(3600L * h).toString(), "value", 40.0 + (h % 24)));
        }
        Map<String, Object> request =
                new HashMap<>(Map.of("tenant_id", "t1", "asset_id", "meter-001", "forecast_type", "generation"));
        request.put("horizon_hours", 6);
        request.put("interval_minutes", 30);
        request.put("historical_data", history);
        request.put("model_name", "seasonal_naive");
        request.put("features", Map.of("temperature", 22.5));

        Reply reply = app.post("/ai/forecast", request);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode forecasts = reply.body().path("forecasts");
        assertThat(forecasts.size()).isEqualTo(12);
        assertThat(Instant.parse(forecasts.path(0).path("timestamp").asString()))
                .isEqualTo(START.plusSeconds(3600L * 47 + 1800));
        assertThat(forecasts.valueStream()).allSatisfy(p -> {
            JsonNode q = p.path("quantiles");
            assertThat(q.path("p10").asDouble()).isBetween(0.0, q.path("p50").asDouble());
            assertThat(q.path("p50").asDouble())
                    .isLessThanOrEqualTo(q.path("p90").asDouble());
        });
        assertThat(reply.body().path("forecast_id").asString()).startsWith("fc-");
        assertThat(reply.body().path("metadata").path("model_name").asString()).isEqualTo("seasonal_naive");
        assertThat(reply.body().path("metadata").path("training_samples").asInt())
                .isEqualTo(48);
    }

    @ParameterizedTest
    @CsvSource({
        "forecast_type, wind, 24, 60",
        "horizon_hours, load, 0, 60",
        "horizon_hours, load, 169, 60",
        "interval_minutes, load, 24, 14",
        "interval_minutes, load, 24, 1441"
    })
    void shouldRejectAValueOutOfItsRangeWith422NamingTheField(String field, String type, int horizon, int interval) {
        Reply reply = app.post(
                "/ai/forecast",
                Map.of(
                        "tenant_id",
                        "t1",
                        "asset_id",
                        "a1",
                        "forecast_type",
                        type,
                        "horizon_hours",
                        horizon,
                        "interval_minutes",
                        interval));

        assertProblem(reply, 422, field);
    }

    @Test
    void shouldNameEveryMissingFieldAndRefuseUnknownModelsAndTooShortHistory() {
        Reply missing = app.post("/ai/forecast", Map.of("horizon_hours", 24));
        assertProblem(missing, 422, "tenant_id");
        assertThat(missing.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactly("tenant_id", "asset_id", "forecast_type");

        Map<String, Object> request =
                new HashMap<>(Map.of("tenant_id", "t1", "asset_id", "a1", "forecast_type", "price"));
        request.put("model_name", "lightgbm.v1");
        assertProblem(app.post("/ai/forecast", request), 422, "model_name");
        request.put("model_name", "lightgbm_v1");
        await().atMost(Duration.ofSeconds(60)) // 503 until the registry's global store is ready
                .untilAsserted(() ->
                        assertThat(app.post("/ai/forecast", request).status()).isEqualTo(404));

        request.remove("model_name");
        request.put(
                "historical_data",
                List.of(
                        Map.of("timestamp", START.toString(), "value", 1.0),
                        Map.of("timestamp", START.plusSeconds(3600).toString(), "value", 2.0)));
        assertProblem(app.post("/ai/forecast", request), 422, "historical_data");
    }
}
