package io.aihub.services.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.features.FeatureStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two application instances on one broker, one Kafka Streams group: every key is answered by both, locally by
 * its owner and forwarded once by the other, with identical answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

    private static final int ASSETS = 24;
    private static final Instant BASE = Instant.parse("2025-09-01T00:00:00Z");
    private static final Instant LAST = BASE.plus(Duration.ofHours(9));

    private AppInstance first;
    private AppInstance second;

    @BeforeAll
    void startTwoInstances() {
        String applicationId = SharedInfrastructure.uniqueApplicationId("two-instances");
        String prefix = SharedInfrastructure.uniquePrefix("two-instances");
        first = AppInstance.start(applicationId, prefix, Map.of());
        second = AppInstance.start(applicationId, prefix, Map.of());
        // the group settles first: both instances RUNNING, each owning part of the keys
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (AppInstance instance : List.of(first, second)) {
                        assertThat(instance.get("/health")
                                        .body()
                                        .path("kafka_streams")
                                        .path("state")
                                        .asString())
                                .isEqualTo("RUNNING");
                    }
                    int local = 0;
                    for (int asset = 0; asset < ASSETS; asset++) {
                        if (first.bean(InteractiveQueries.class).route(FeatureStores.READINGS, "t2:" + asset(asset))
                                instanceof Route.Local) {
                            local++;
                        }
                    }
                    assertThat(local).isBetween(1, ASSETS - 1);
                });
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int asset = 0; asset < ASSETS; asset++) {
            for (int hour = 0; hour < 10; hour++) {
                readings.add(FeatureApiIT.reading(
                        "t2",
                        asset(asset),
                        "value",
                        BASE.plus(Duration.ofHours(hour)).toString(),
                        asset * 100 + hour));
            }
        }
        assertThat(first.post("/ingest/telemetry", readings).status()).isEqualTo(202);
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void shouldAnswerEveryKeyThroughBothInstancesIdentically() {
        // the group settles with partitions on both instances, and every key is ready
        eventually(() -> {
            for (int asset = 0; asset < ASSETS; asset++) {
                Reply answer = first.post("/ai/features/get", request(asset));
                assertThat(answer.status()).as("asset %d", asset).isEqualTo(200);
                assertThat(answer.body().path("latest_reading_at").asString()).isEqualTo(LAST.toString());
            }
        });
        int localToFirst = 0;
        int localToSecond = 0;
        for (int asset = 0; asset < ASSETS; asset++) {
            Route route = first.bean(InteractiveQueries.class).route(FeatureStores.READINGS, "t2:" + asset(asset));
            if (route instanceof Route.Local) {
                localToFirst++;
            } else {
                localToSecond++;
            }
            Reply viaFirst = first.post("/ai/features/get", request(asset));
            Reply viaSecond = second.post("/ai/features/get", request(asset));

            assertThat(viaFirst.status()).isEqualTo(200);
            assertThat(viaSecond.status()).isEqualTo(200);
            assertThat(viaSecond.body()).isEqualTo(viaFirst.body());
            assertThat(viaFirst.body().path("features").path("lag_1h").asDouble())
                    .isEqualTo(asset * 100 + 8);
        }
        // both instances own keys, so both the local and the forwarded path were exercised from each side
        assertThat(localToFirst).isPositive();
        assertThat(localToSecond).isPositive();
    }

    @Test
    void shouldAnswerABatchSpanningBothInstancesFromEither() {
        List<String> assets = new ArrayList<>();
        for (int asset = 0; asset < ASSETS; asset++) {
            assets.add(asset(asset));
        }
        Map<String, Object> request = Map.of(
                "tenant_id", "t2", "asset_ids", assets, "feature_set", "forecast_basic", "timestamp", LAST.toString());
        eventually(() -> {
            Reply viaFirst = first.post("/ai/features/batch", request);
            Reply viaSecond = second.post("/ai/features/batch", request);

            assertThat(viaFirst.status()).isEqualTo(200);
            assertThat(viaFirst.body().path("errors")).isEmpty();
            assertThat(viaFirst.body().path("results").findValuesAsString("asset_id"))
                    .containsExactlyElementsOf(assets);
            assertThat(viaSecond.body()).isEqualTo(viaFirst.body());
        });
    }

    @Test
    void shouldAnswerForecastRequestsOfEveryKeyThroughTheOwner() {
        // Given 10 h of readings per asset (the baseline needs 24 h), every instance answers every asset as its owner
        // does: the owner's 422 naming historical_data, also when forwarded, for both forecast endpoints
        eventually(() -> {
            for (int asset = 0; asset < ASSETS; asset++) {
                for (AppInstance instance : List.of(first, second)) {
                    Reply forecast = instance.post(
                            "/ai/forecast",
                            Map.of("tenant_id", "t2", "asset_id", asset(asset), "forecast_type", "load"));
                    Reply predict = instance.get("/ml/forecasts/predict/" + asset(asset) + "?field=value&tenant_id=t2");
                    for (Reply reply : List.of(forecast, predict)) {
                        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(422);
                        assertThat(reply.body().path("field").asString()).isEqualTo("historical_data");
                    }
                }
            }
        });
    }

    /** Retries {@code assertion} until it holds, for up to 90 s (the group settles, the keys become ready). */
    private static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(assertion);
    }

    @Test
    void shouldTrainAndDetectADevicesModelThroughTheInstanceThatDoesNotOwnIt() {
        // Given a device whose partition the second instance owns, with 120 minutes of two metrics
        String device = IntStream.range(0, 100)
                .mapToObj(i -> "ml-dev-" + i)
                .filter(d -> first.bean(InteractiveQueries.class).route(FeatureStores.READINGS, "t2:" + d)
                        instanceof Route.Remote)
                .findFirst()
                .orElseThrow();
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            String at = BASE.plus(Duration.ofMinutes(minute)).toString();
            readings.add(FeatureApiIT.reading("t2", device, "cpu", at, 50 + minute % 7));
            readings.add(FeatureApiIT.reading("t2", device, "mem", at, 100 + minute % 5));
        }
        assertThat(first.post("/ingest/telemetry", readings).status()).isEqualTo(202);
        String last = BASE.plus(Duration.ofMinutes(119)).toString();
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(first.post(
                                        "/ai/features/get",
                                        Map.of(
                                                "tenant_id",
                                                "t2",
                                                "asset_id",
                                                device,
                                                "metric",
                                                "mem",
                                                "timestamp",
                                                last))
                                .body()
                                .path("latest_reading_at")
                                .asString())
                        .isEqualTo(last));

        // When trained through the first instance, which forwards to the owner
        Reply trained = first.post("/ml/anomalies/train/" + device + "?tenant_id=t2&hours=24", Map.of());

        // Then the owner trained on the whole history, and both instances answer detect identically
        assertThat(trained.status()).isEqualTo(200);
        assertThat(trained.body().path("training_samples").asInt()).isEqualTo(120);
        assertThat(trained.body().path("model_id").asString()).isEqualTo("t2:iforest-" + device + ":v1.0.0");
        Reply viaFirst = first.get("/ml/anomalies/detect/" + device + "?tenant_id=t2&hours=24");
        Reply viaSecond = second.get("/ml/anomalies/detect/" + device + "?tenant_id=t2&hours=24");
        assertThat(viaFirst.status()).isEqualTo(200);
        assertThat(viaFirst.body().path("window_end").asString()).isEqualTo(last);
        assertThat(viaSecond.body()).isEqualTo(viaFirst.body());
        Reply tooFew = first.post("/ml/anomalies/train/" + device + "?tenant_id=t2&hours=1", Map.of());
        assertThat(tooFew.status()).isEqualTo(422);
        assertThat(tooFew.body().path("training_samples").asInt()).isEqualTo(60);
    }

    private static Map<String, Object> request(int asset) {
        return Map.of("tenant_id", "t2", "asset_id", asset(asset), "timestamp", LAST.toString());
    }

    private static String asset(int index) {
        return "asset-" + index;
    }
}
