package io.aihub.services.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The REST facade end to end: JSON ingest → real broker → feature topology → interactive queries → JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureApiIT {

    /** Monday 2025-10-06 00:00 UTC. */
    private static final Instant BASE = Instant.parse("2025-10-06T00:00:00Z");

    private static final Instant LAST = BASE.plus(Duration.ofHours(29));

    private AppInstance app;

    @BeforeAll
    void startAndIngest() {
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("features-api"),
                SharedInfrastructure.uniquePrefix("features-api"),
                Map.of());
        // Given 30 hourly readings of t1/meter-001/power with value = hour index
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            readings.add(reading(
                    "t1", "meter-001", "power", BASE.plus(Duration.ofHours(i)).toString(), i));
        }
        assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
        awaitFeaturesAt("t1", "meter-001", "power", LAST);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldServeEveryDocumentedFeatureComputedFromIngestedReadings() {
        Reply reply = app.post(
                "/ai/features/get",
                Map.of("tenant_id", "t1", "asset_id", "meter-001", "metric", "power", "timestamp", LAST.toString()));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("tenant_id").asString()).isEqualTo("t1");
        assertThat(body.path("asset_id").asString()).isEqualTo("meter-001");
        assertThat(body.path("metric").asString()).isEqualTo("power");
        assertThat(body.path("cache_hit").asBoolean()).isFalse();
        assertThat(Instant.parse(body.path("computed_at").asString())).isEqualTo(LAST);
        JsonNode f = body.path("features");
        assertThat(body.path("feature_count").asInt()).isEqualTo(f.size());
        // time features of Tuesday 2025-10-07 05:00 UTC, as JSON integers
        assertThat(f.path("hour_of_day").isIntegralNumber()).isTrue();
        assertThat(f.path("hour_of_day").asInt()).isEqualTo(5);
        assertThat(f.path("day_of_week").asInt()).isEqualTo(1);
        assertThat(f.path("day_of_month").asInt()).isEqualTo(7);
        assertThat(f.path("month").asInt()).isEqualTo(10);
        assertThat(f.path("is_weekend").asInt()).isZero();
        assertThat(f.path("is_business_hours").asInt()).isZero();
        // lags: the reading one hour and one day before; nothing a week before
        assertThat(f.path("lag_1h").asDouble()).isEqualTo(28.0);
        assertThat(f.path("lag_24h").asDouble()).isEqualTo(5.0);
        assertThat(f.path("lag_168h").isNull()).isTrue();
        // rolling 24h over (T-24h, T]: values 6..29
        assertThat(f.path("rolling_avg_24h").asDouble()).isCloseTo(17.5, within(1e-9));
        assertThat(f.path("rolling_std_24h").asDouble()).isCloseTo(Math.sqrt(50.0), within(1e-9));
        assertThat(f.path("rolling_min_24h").asDouble()).isEqualTo(6.0);
        assertThat(f.path("rolling_max_24h").asDouble()).isEqualTo(29.0);
        // rolling 168h: all 30 values 0..29
        assertThat(f.path("rolling_avg_168h").asDouble()).isCloseTo(14.5, within(1e-9));
        // historical over (T-24h, T): values 6..28
        assertThat(f.path("historical_avg_24h").asDouble()).isCloseTo(17.0, within(1e-9));
        assertThat(f.path("min_24h").asDouble()).isEqualTo(6.0);
        assertThat(f.path("max_24h").asDouble()).isEqualTo(28.0);
        assertThat(f.path("range_24h").asDouble()).isEqualTo(22.0);
        // hour so far: the one reading at 05:00; day so far: 24..29
        assertThat(f.path("hourly_count").asInt()).isEqualTo(1);
        assertThat(f.path("hourly_avg").asDouble()).isEqualTo(29.0);
        assertThat(f.path("hourly_stddev").isNull()).isTrue();
        assertThat(f.path("daily_count").asInt()).isEqualTo(6);
        assertThat(f.path("daily_avg").asDouble()).isCloseTo(26.5, within(1e-9));
        // no weather was posted
        assertThat(f.path("temperature").isNull()).isTrue();
    }

    @Test
    void shouldAnswerAFeatureSetWithExactlyItsFeaturesInCatalogOrder() {
        Reply reply = app.post(
                "/ai/features/get",
                Map.of(
                        "tenant_id", "t1",
                        "asset_id", "meter-001",
                        "metric", "power",
                        "feature_set", "forecast_basic",
                        "timestamp", LAST.toString()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("features").propertyNames())
                .containsExactly("hour_of_day", "day_of_week", "is_weekend", "lag_1h", "lag_24h", "rolling_avg_24h");
        assertThat(reply.body().path("feature_count").asInt()).isEqualTo(6);
    }

    @Test
    void shouldAnswerChosenFeatureNames() {
        Reply reply = app.post(
                "/ai/features/get",
                Map.of(
                        "tenant_id", "t1",
                        "asset_id", "meter-001",
                        "metric", "power",
                        "feature_names", List.of("lag_1h", "month"),
                        "timestamp", LAST.toString()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("features").propertyNames()).containsExactly("lag_1h", "month");
    }

    @Test
    void shouldListTheCatalogFeatureSets() {
        Reply reply = app.get("/ai/features/sets");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("total").asInt()).isEqualTo(3);
        JsonNode advanced = reply.body().path("feature_sets").path("forecast_advanced");
        assertThat(advanced.path("features")).hasSize(13);
        assertThat(advanced.path("latency").asString()).isEqualTo("<100ms");
        assertThat(reply.body().path("feature_sets").path("anomaly_detection").path("features"))
                .hasSize(7);
    }

    @Test
    void shouldRejectOutOfRangeLookbackWith422NamingTheField() {
        Reply reply = app.post(
                "/ai/features/get", Map.of("tenant_id", "t1", "asset_id", "meter-001", "lookback_hours", 9000));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body().path("field").asString()).isEqualTo("lookback_hours");
        assertThat(reply.body().path("detail").asString()).contains("between 1 and 8760");
    }

    @Test
    void shouldRejectMissingTenantAndUnknownFeatureWith422NamingEachField() {
        Reply reply = app.post("/ai/features/get", Map.of("asset_id", "meter-001", "feature_names", List.of("lag_2h")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().path("errors").findValuesAsString("field"))
                .containsExactly("tenant_id", "feature_names[0]");
    }

    @Test
    void shouldAnswer404ForASeriesNeverSeen() {
        Reply reply =
                app.post("/ai/features/get", Map.of("tenant_id", "t1", "asset_id", "meter-404", "metric", "power"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().path("detail").asString()).contains("meter-404");
    }

    @Test
    void shouldAnswer404ForATimestampOutsideTheStoresRetention() {
        Reply reply = app.post(
                "/ai/features/get",
                Map.of(
                        "tenant_id",
                        "t1",
                        "asset_id",
                        "meter-001",
                        "metric",
                        "power",
                        "timestamp",
                        "2024-01-01T00:00:00Z"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().path("title").asString()).isEqualTo("Timestamp outside retention");
    }

    @Test
    void shouldRejectAnInvalidTelemetryArrayWholeAndWriteNoneOfIt() {
        Instant day = Instant.parse("2025-11-03T00:00:00Z");
        List<Map<String, Object>> invalid = List.of(
                reading("t1", "meter-reject", "power", day.toString(), 100.0),
                Map.of(
                        "tenant_id",
                        "t1",
                        "asset_id",
                        "meter-reject",
                        "metric",
                        "power",
                        "timestamp",
                        day.plusSeconds(60).toString(),
                        "value",
                        "NaN"));

        Reply rejected = app.post("/ingest/telemetry", invalid);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().path("field").asString()).isEqualTo("[1].value");

        // When a valid reading of the same series follows (same partition, so it is processed after)
        Instant later = day.plus(Duration.ofHours(1));
        assertThat(app.post("/ingest/telemetry", List.of(reading("t1", "meter-reject", "power", later.toString(), 5.0)))
                        .status())
                .isEqualTo(202);
        JsonNode features = awaitFeaturesAt("t1", "meter-reject", "power", later);

        // Then the rejected array's valid-looking first reading was never written
        assertThat(features.path("daily_count").asInt()).isEqualTo(1);
        assertThat(features.path("rolling_max_24h").asDouble()).isEqualTo(5.0);
    }

    @Test
    void shouldRejectTelemetryWithMissingFieldsNamingIndexAndField() {
        Reply reply =
                app.post("/ingest/telemetry", List.of(Map.of("tenant_id", "t1", "asset_id", "bad id!", "value", 1)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").findValuesAsString("field"))
                .containsExactly("[0].asset_id", "[0].timestamp");
    }

    @Test
    void shouldRejectMalformedJsonWith400() {
        Reply reply = app.postRaw("/ingest/telemetry", "[{\"tenant_id\": ", "application/json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void shouldAnswerABatchOfAssetsWithErrorsForUnknownOnes() {
        Reply reply = app.post(
                "/ai/features/batch",
                Map.of(
                        "tenant_id", "t1",
                        "asset_ids", List.of("meter-001", "meter-nope"),
                        "metric", "power",
                        "feature_set", "forecast_basic",
                        "timestamp", LAST.toString()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("results").findValuesAsString("asset_id")).containsExactly("meter-001");
        assertThat(reply.body()
                        .path("results")
                        .get(0)
                        .path("features")
                        .path("lag_1h")
                        .asDouble())
                .isEqualTo(28.0);
        assertThat(reply.body().path("errors").get(0).path("asset_id").asString())
                .isEqualTo("meter-nope");
        assertThat(reply.body().path("errors").get(0).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void shouldReportHealthWithStreamStateAndDependencies() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply reply = app.get("/health");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("status").asString()).isEqualTo("healthy");
            assertThat(reply.body().path("service").asString()).isEqualTo("ai-hub");
            assertThat(reply.body().path("kafka_streams").path("state").asString())
                    .isEqualTo("RUNNING");
            assertThat(reply.body()
                            .path("dependencies")
                            .path("kafka")
                            .path("status")
                            .asString())
                    .isEqualTo("up");
            assertThat(reply.body()
                            .path("dependencies")
                            .path("schema_registry")
                            .path("status")
                            .asString())
                    .isEqualTo("up");
        });
    }

    private JsonNode awaitFeaturesAt(String tenant, String asset, String metric, Instant at) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Reply reply = app.post(
                            "/ai/features/get",
                            Map.of(
                                    "tenant_id",
                                    tenant,
                                    "asset_id",
                                    asset,
                                    "metric",
                                    metric,
                                    "timestamp",
                                    at.toString()));
                    assertThat(reply.status()).as("features: %s", reply.body()).isEqualTo(200);
                    assertThat(Instant.parse(
                                    reply.body().path("latest_reading_at").asString()))
                            .isEqualTo(at);
                    found[0] = reply.body().path("features");
                });
        return found[0];
    }

    static Map<String, Object> reading(String tenant, String asset, String metric, String timestamp, double value) {
        return Map.of("tenant_id", tenant, "asset_id", asset, "metric", metric, "timestamp", timestamp, "value", value);
    }
}
