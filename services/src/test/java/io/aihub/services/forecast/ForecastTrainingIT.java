package io.aihub.services.forecast;

import static io.aihub.services.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.ForecastEvent;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * On the real stack (broker, Apicurio, S3): two weeks of a device's hourly readings posted to {@code
 * /ingest/telemetry} train its forecaster through {@code POST /ml/forecasts/train/{device}}, evaluated on the held-back
 * last 48 h, registered and promoted ({@code AIHUB_ML_FORECAST_PROMOTION=always} here: whether the model beats the
 * baseline on a given series is what the gate decides, not what this test may assume); the stream's next hourly
 * forecast of the series is then the model's, and {@code GET /ml/forecasts/predict} and {@code POST /ai/forecast}
 * answer with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastTrainingIT {

    /** A Thursday: the held-back last 48 h of 14 days are weekdays, and the training part holds a weekend. */
    private static final Instant START = Instant.parse("2025-09-04T00:00:00Z");

    private static final String TENANT = "fc-train";
    private static final String DEVICE = "meter_7";
    private static final String MODEL = "forecast-meter_7-kw";
    private static final int HOURS = 14 * 24;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private AppInstance app;
    private String prefix;

    @BeforeAll
    void start() {
        prefix = SharedInfrastructure.uniquePrefix("fc-train");
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("fc-train"),
                prefix,
                Map.of("aihub.ml.forecast-promotion", "always"));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldTrainEvaluateRegisterAndPromoteThenForecastInStreamWithTheModel() {
        // Given 14 days of hourly readings, all in the stream's stores (the last closes hour 334: forecast at 335:00)
        post(DEVICE, 0, HOURS);
        List<ForecastEvent> events = new ArrayList<>();
        try (var consumer = SharedInfrastructure.consumer(prefix + "reader", ForecastEvent.class)) {
            consumer.subscribe(List.of(prefix + "forecasts"));
            awaitIssued(consumer, events, START.plus(Duration.ofHours(HOURS - 1)));
            assertThat(events.getLast().getModelName()).isEqualTo("seasonal_baseline");

            // When the device's kw is trained on its 336 hours
            Reply trained =
                    app.post("/ml/forecasts/train/" + DEVICE + "?field=kw&hours=336&tenant_id=" + TENANT, Map.of());

            // Then the answer reports the held-back figures of both models and the promotion
            assertThat(trained.status()).as(trained.body().toString()).isEqualTo(200);
            JsonNode body = trained.body();
            assertThat(body.path("message").asString()).isEqualTo("Model trained successfully");
            assertThat(body.path("device_uuid").asString()).isEqualTo(DEVICE);
            assertThat(body.path("field").asString()).isEqualTo("kw");
            // (readings 0..286 h precede the tail that starts 48 h before the newest, 335 h)
            assertThat(body.path("training_samples").asInt()).isEqualTo(HOURS - 49);
            assertThat(body.path("holdout_from").asString())
                    .isEqualTo(START.plus(Duration.ofHours(HOURS - 1 - 48)).toString());
            JsonNode metrics = body.path("metrics");
            for (String figure : List.of("mae", "rmse", "mape", "r2", "coverage_p10_p90")) {
                assertThat(metrics.path(figure).isNumber()).as(figure).isTrue();
            }
            assertThat(metrics.path("forecasts").asInt()).isEqualTo(48);
            assertThat(metrics.path("mae").asDouble()).isLessThan(8.0); // values 65..120, noise sd 1
            assertThat(body.path("compared_with").path("model").asString()).isEqualTo("seasonal_baseline");
            assertThat(body.path("compared_with").path("beaten").asBoolean())
                    .isEqualTo(metrics.path("mae").asDouble()
                            < body.path("compared_with")
                                    .path("metrics")
                                    .path("mae")
                                    .asDouble());
            assertThat(body.path("promoted").asBoolean()).isTrue();
            assertThat(body.path("stage").asString()).isEqualTo("production");
            assertThat(body.path("model_id").asString()).isEqualTo(TENANT + ":" + MODEL + ":v1.0.0");

            // And the registry holds it in production with those metrics
            JsonNode model =
                    app.get("/ai/models/" + TENANT + ":" + MODEL + ":v1.0.0").body();
            assertThat(model.toString()).contains("\"production\"").contains("quantile_gbm");

            // When the next hour closes
            post(DEVICE, HOURS, HOURS + 1);

            // Then the stream's forecast for it is the model's, with its training metrics
            awaitIssued(consumer, events, START.plus(Duration.ofHours(HOURS)));
            ForecastEvent byModel = events.getLast();
            assertThat(byModel.getModelName()).isEqualTo(MODEL);
            assertThat(byModel.getModelVersion()).isEqualTo("v1.0.0");
            assertThat(byModel.getTrainingMetrics())
                    .containsEntry("mae", metrics.path("mae").asDouble());
            assertThat(byModel.getFeaturesUsed()).contains("lead_hours", "same_hour_last_week");

            // And predictions answer with it
            Reply predicted = app.get("/ml/forecasts/predict/" + DEVICE + "?field=kw&tenant_id=" + TENANT);
            assertThat(predicted.status()).isEqualTo(200);
            assertThat(predicted.body().path("predictions").size()).isEqualTo(24);
            assertThat(predicted
                            .body()
                            .path("predictions")
                            .path(0)
                            .path("predicted_value")
                            .asDouble())
                    .isEqualTo(byModel.getPoints().getFirst().getP50());
            Reply forecast = app.post(
                    "/ai/forecast",
                    Map.of("tenant_id", TENANT, "asset_id", DEVICE, "metric", "kw", "forecast_type", "load"));
            assertThat(forecast.body().path("metadata").path("model_name").asString())
                    .isEqualTo(MODEL);
            assertThat(forecast.body().path("metadata").path("mae").asDouble())
                    .isEqualTo(metrics.path("mae").asDouble());
        }
    }

    @Test
    void shouldForecastPostedHistoryWithARegisteredModelByName() {
        // Given a model trained for another device
        post("meter_8", 0, HOURS);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(app.post("/ml/forecasts/train/meter_8?field=kw&tenant_id=" + TENANT, Map.of())
                                        .status())
                                .isEqualTo(200));

        // When posted history is forecast with it by name
        List<Map<String, Object>> history = new ArrayList<>();
        for (int h = 0; h < 200; h++) {
            history.add(Map.of("timestamp", START.plus(Duration.ofHours(h)).toString(), "value", value(h)));
        }
        Reply reply = app.post(
                "/ai/forecast",
                Map.of(
                        "tenant_id", TENANT,
                        "asset_id", "anything",
                        "forecast_type", "load",
                        "model_name", "forecast-meter_8-kw",
                        "historical_data", history));

        // Then the model forecasts it
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().path("metadata").path("model_name").asString()).isEqualTo("forecast-meter_8-kw");
        assertThat(reply.body().path("forecasts").size()).isEqualTo(24);

        // And with less than the model's 168 h of history, 422 naming historical_data
        Reply tooShort = app.post(
                "/ai/forecast",
                Map.of(
                        "tenant_id", TENANT,
                        "asset_id", "anything",
                        "forecast_type", "load",
                        "model_name", "forecast-meter_8-kw",
                        "historical_data", history.subList(0, 100)));
        assertProblem(tooShort, 422, "historical_data");
    }

    @Test
    void shouldValidateTheRequestAndRefuseTooLittleHistory() {
        assertProblem(app.post("/ml/forecasts/train/" + DEVICE + "?tenant_id=" + TENANT, Map.of()), 422, "field");
        assertProblem(
                app.post("/ml/forecasts/train/" + DEVICE + "?field=kw&hours=100000&tenant_id=" + TENANT, Map.of()),
                422,
                "hours");
        // (503 while the stream starts, then 404 for a series it does not hold)
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(app.post("/ml/forecasts/train/nobody?field=kw&tenant_id=" + TENANT, Map.of())
                                        .status())
                                .isEqualTo(404));

        // Given 5 days of readings of another device
        post("meter_short", 0, 5 * 24);
        await().atMost(WAIT).untilAsserted(() -> {
            Reply reply = app.post("/ml/forecasts/train/meter_short?field=kw&tenant_id=" + TENANT, Map.of());

            // Then 422 with the hours it has and needs
            assertProblem(reply, 422, "hours");
            assertThat(reply.body().path("title").asString()).isEqualTo("Insufficient training data");
            assertThat(reply.body().path("min_training_hours").asInt()).isEqualTo(216);
            assertThat(reply.body().path("training_samples").asInt()).isEqualTo(5 * 24);
        });
    }

    private void awaitIssued(KafkaConsumer<String, ForecastEvent> consumer, List<ForecastEvent> events, Instant at) {
        await().atMost(WAIT).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.value().getAssetId().equals(DEVICE)) {
                    events.add(r.value());
                }
            });
            assertThat(events).extracting(ForecastEvent::getIssuedAt).contains(at);
        });
    }

    /** Hourly readings {@code from..to-1} of a daily cycle with a weekend dip and seeded noise. */
    private void post(String device, int from, int to) {
        List<Map<String, Object>> readings = new ArrayList<>();
        var random = new SplittableRandom(device.hashCode());
        for (int h = from; h < to; h++) {
            readings.add(Map.of(
                    "tenant_id",
                    TENANT,
                    "asset_id",
                    device,
                    "metric",
                    "kw",
                    "timestamp",
                    START.plus(Duration.ofHours(h)).toString(),
                    "value",
                    value(h) + random.nextGaussian()));
        }
        assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
    }

    private static double value(int hour) {
        DayOfWeek day =
                START.plus(Duration.ofHours(hour)).atZone(ZoneOffset.UTC).getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return 100 + 20 * Math.sin(2 * Math.PI * (hour % 24) / 24.0) - (weekend ? 15 : 0);
    }
}
