package io.aihub.services.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.features.FeatureNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Redis online store against the real Redis at 127.0.0.1:6379: vectors materialised under the documented keys
 * with the TTL, {@code cache_hit} exactly when Redis holds the stores' answer, out-of-order readings, invalidation
 * scoped to one tenant's asset, health. Each test uses tenants of its own (unique per run), so runs never share keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOnlineStoreIT {

    /** Monday 2025-10-06 00:00 UTC. */
    private static final Instant BASE = Instant.parse("2025-10-06T00:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> NOT_WEATHER = FeatureNames.ALL.stream()
            .filter(name -> !FeatureNames.WEATHER.contains(name))
            .toList();

    private final String run = Long.toString(System.nanoTime() & 0xffffffL, 36);
    private AppInstance app;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeAll
    void start() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        connection = client.connect();
        redis = connection.sync();
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("redis-online"),
                SharedInfrastructure.uniquePrefix("redis-online"),
                // a grace of 48h: the out-of-order readings of these tests are accepted, not dead-lettered as late
                Map.of(
                        "aihub.redis.url",
                        "redis://127.0.0.1:6379",
                        "aihub.redis.ttl",
                        "120s",
                        "aihub.features.grace",
                        "48h"));
        app.awaitRunning(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
    }

    @Test
    void shouldMaterialiseEachVectorUnderItsHourKeyAndTheLatestKeyWithTheTtl() {
        // Given three hourly readings of a tenant of this test
        String tenant = "mat-" + run;
        ingest(tenant, "meter-1", 3, 0);
        Instant last = BASE.plus(Duration.ofHours(2));

        // Then each hour key holds the vector of that hour, the latest key the newest one and its applied marker
        String hourKey = "features:" + tenant + ":meter-1:2025-10-06T02:00:00Z";
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.hget(hourKey, "power") != null);
        for (int hour = 0; hour < 3; hour++) {
            String key = "features:" + tenant + ":meter-1:2025-10-06T0" + hour + ":00:00Z";
            JsonNode vector = JSON.readTree(redis.hget(key, "power"));
            assertThat(vector.path("timestamp").asString())
                    .isEqualTo(BASE.plus(Duration.ofHours(hour)).toString());
            assertThat(vector.path("value").asDouble()).isEqualTo(hour);
            assertThat(redis.ttl(key)).isBetween(1L, 120L);
        }
        String latestKey = "features:" + tenant + ":meter-1:latest";
        JsonNode latest = JSON.readTree(redis.hget(latestKey, "power"));
        assertThat(latest.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(latest.path("asset_id").asString()).isEqualTo("meter-1");
        assertThat(latest.path("metric").asString()).isEqualTo("power");
        assertThat(latest.path("timestamp").asString()).isEqualTo(last.toString());
        assertThat(latest.path("features").path("lag_1h").asDouble()).isEqualTo(1.0);
        assertThat(latest.path("features").path("rolling_avg_24h").asDouble()).isEqualTo(1.0);
        assertThat(latest.path("features").path("temperature").isNull()).isTrue();
        assertThat(redis.hget(latestKey, "power:applied")).startsWith(last.toEpochMilli() + " ");
        assertThat(redis.ttl(latestKey)).isBetween(1L, 120L);
    }

    @Test
    void shouldAnswerFromRedisExactlyWhatTheStoresAnswer() {
        String tenant = "hit-" + run;
        ingest(tenant, "meter-1", 30, 0);
        Instant last = BASE.plus(Duration.ofHours(29));
        Map<String, Object> request = request(tenant, last, null);

        // When the vector at the requested timestamp is in Redis, Redis answers
        Reply hit = awaitCacheHit(request);
        assertThat(hit.body().path("latest_reading_at").asString()).isEqualTo(last.toString());
        assertThat(hit.body().path("computed_at").asString()).isEqualTo(last.toString());

        // Then, once the asset's keys are invalidated, the stores answer the very same body
        assertThat(app.delete("/ai/features/cache/" + tenant + "/meter-1").status())
                .isEqualTo(204);
        Reply miss = app.post("/ai/features/get", request);
        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.body().path("cache_hit").asBoolean()).isFalse();
        assertThat(withoutCacheHit(miss.body())).isEqualTo(withoutCacheHit(hit.body()));
    }

    @Test
    void shouldAnswerFromTheStoresWhenRedisDoesNotHoldThatExactAnswer() {
        String tenant = "miss-" + run;
        ingest(tenant, "meter-1", 30, 0);
        Instant last = BASE.plus(Duration.ofHours(29));
        awaitCacheHit(request(tenant, last, null));

        // a timestamp between two readings: no vector was computed at it
        Reply between = app.post("/ai/features/get", request(tenant, last.minus(Duration.ofMinutes(30)), null));
        assertThat(between.status()).isEqualTo(200);
        assertThat(between.body().path("cache_hit").asBoolean()).isFalse();
        // weather features: weather arrives on its own topic, so a cached vector may predate it
        Reply weather = app.post("/ai/features/get", request(tenant, last, List.of("lag_1h", "temperature")));
        assertThat(weather.status()).isEqualTo(200);
        assertThat(weather.body().path("cache_hit").asBoolean()).isFalse();
        // every feature, weather's included (the default)
        Map<String, Object> all = new HashMap<>(request(tenant, last, null));
        all.remove("feature_names");
        Reply allFeatures = app.post("/ai/features/get", all);
        assertThat(allFeatures.status()).isEqualTo(200);
        assertThat(allFeatures.body().path("cache_hit").asBoolean()).isFalse();
        // a metric that has no vector in Redis
        Map<String, Object> otherMetric = new HashMap<>(request(tenant, last, null));
        otherMetric.put("metric", "energy");
        assertThat(app.post("/ai/features/get", otherMetric).status()).isEqualTo(404);
    }

    @Test
    void shouldStopAnsweringFromRedisWhenAnOutOfOrderReadingChangesTheAnswer() {
        String tenant = "ooo-" + run;
        ingest(tenant, "meter-1", 30, 0);
        Instant last = BASE.plus(Duration.ofHours(29));
        Map<String, Object> request = request(tenant, last, null);
        Reply before = awaitCacheHit(request);
        assertThat(before.body().path("features").path("lag_1h").asDouble()).isEqualTo(28.0);

        // When the reading one hour earlier is replaced (within grace) by a different value
        Instant replaced = last.minus(Duration.ofHours(1));
        assertThat(app.post("/ingest/telemetry", List.of(reading(tenant, "meter-1", replaced, 1000.0)))
                        .status())
                .isEqualTo(202);
        String hourKey = "features:" + tenant + ":meter-1:" + replaced;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> redis.hget(hourKey, "power") != null
                        && JSON.readTree(redis.hget(hourKey, "power"))
                                        .path("value")
                                        .asDouble()
                                == 1000.0);

        // Then the vector at the last reading is no longer served from Redis, and the stores' answer has the new value
        Reply after = app.post("/ai/features/get", request);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().path("cache_hit").asBoolean()).isFalse();
        assertThat(after.body().path("features").path("lag_1h").asDouble()).isEqualTo(1000.0);
        assertThat(after.body().path("latest_reading_at").asString()).isEqualTo(last.toString());
        // and the replaced reading's own vector, exact, is
        Reply replacedAnswer = app.post("/ai/features/get", request(tenant, replaced, null));
        assertThat(replacedAnswer.body().path("cache_hit").asBoolean()).isTrue();
        assertThat(replacedAnswer.body().path("latest_reading_at").asString()).isEqualTo(last.toString());
    }

    @Test
    void shouldDeleteTheStaleHourKeysOfAnOutOfOrderReadingAcrossMonthAndYearEnds() {
        // the script names the hour keys itself: its calendar must be java.time's (leap day, year end)
        assertOutOfOrderDeletesLaterHours("leap-" + run, Instant.parse("2024-02-28T22:00:00Z"), 29);
        assertOutOfOrderDeletesLaterHours("year-" + run, Instant.parse("2024-12-31T20:00:00Z"), 10);
    }

    private void assertOutOfOrderDeletesLaterHours(String tenant, Instant first, int hours) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            readings.add(reading(tenant, "meter-1", first.plus(Duration.ofHours(i)), i));
        }
        assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
        Instant last = first.plus(Duration.ofHours(hours - 1));
        String latestKey = OnlineKeys.latestKey(tenant, "meter-1");
        String appliedLast = last.toEpochMilli() + " ";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String applied = redis.hget(latestKey, "power:applied");
            return applied != null && applied.startsWith(appliedLast);
        });
        for (int i = 0; i < hours; i++) {
            assertThat(redis.hget(OnlineKeys.hourKey(tenant, "meter-1", first.plus(Duration.ofHours(i))), "power"))
                    .isNotNull();
        }

        // When the second reading is replaced
        Instant replaced = first.plus(Duration.ofHours(1));
        assertThat(app.post("/ingest/telemetry", List.of(reading(tenant, "meter-1", replaced, -1.0)))
                        .status())
                .isEqualTo(202);
        String replacedKey = OnlineKeys.hourKey(tenant, "meter-1", replaced);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> JSON.readTree(redis.hget(replacedKey, "power"))
                                .path("value")
                                .asDouble()
                        == -1.0);

        // Then every later hour's vector and the latest vector are gone; earlier hours and the watermark stay
        assertThat(redis.hget(OnlineKeys.hourKey(tenant, "meter-1", first), "power"))
                .isNotNull();
        for (int i = 2; i < hours; i++) {
            Instant hour = first.plus(Duration.ofHours(i));
            assertThat(redis.hget(OnlineKeys.hourKey(tenant, "meter-1", hour), "power"))
                    .as("vector of %s", hour)
                    .isNull();
        }
        assertThat(redis.hget(latestKey, "power")).isNull();
        assertThat(redis.hget(latestKey, "power:applied")).startsWith(last.toEpochMilli() + " ");
    }

    @Test
    void shouldInvalidateOneAssetOfOneTenantOnly() {
        String tenant = "inv-" + run;
        String other = "inv2-" + run;
        ingest(tenant, "meter-1", 2, 0);
        ingest(tenant, "meter-2", 2, 0);
        ingest(other, "meter-1", 2, 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> redis.exists(
                                "features:" + tenant + ":meter-1:latest",
                                "features:" + tenant + ":meter-2:latest",
                                "features:" + other + ":meter-1:latest")
                        == 3);

        Reply deleted = app.delete("/ai/features/cache/" + tenant + "/meter-1");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(redis.keys("features:" + tenant + ":meter-1:*")).isEmpty();
        assertThat(redis.keys("features:" + tenant + ":meter-2:*")).hasSize(3);
        assertThat(redis.keys("features:" + other + ":meter-1:*")).hasSize(3);
        Reply again = app.delete("/ai/features/cache/" + tenant + "/meter-1");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("title").asString()).isEqualTo("Nothing cached");
        assertThat(app.delete("/ai/features/cache/" + tenant + "/bad*id").status())
                .isEqualTo(422);
    }

    @Test
    void shouldReportRedisUpInHealth() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode redisHealth =
                    app.get("/health").body().path("dependencies").path("redis");
            assertThat(redisHealth.path("status").asString()).isEqualTo("up");
            assertThat(redisHealth.path("detail").asString()).isEqualTo("redis://127.0.0.1:6379/0");
        });
    }

    private void ingest(String tenant, String asset, int hours, double offset) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            readings.add(reading(tenant, asset, BASE.plus(Duration.ofHours(i)), i + offset));
        }
        assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
    }

    private Reply awaitCacheHit(Map<String, Object> request) {
        Reply[] hit = new Reply[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Reply reply = app.post("/ai/features/get", request);
                    assertThat(reply.status()).isEqualTo(200);
                    assertThat(reply.body().path("cache_hit").asBoolean()).isTrue();
                    hit[0] = reply;
                });
        return hit[0];
    }

    private static JsonNode withoutCacheHit(JsonNode body) {
        ObjectNode copy = (ObjectNode) body.deepCopy();
        copy.remove("cache_hit");
        return copy;
    }

    static Map<String, Object> request(String tenant, Instant at, List<String> names) {
        Map<String, Object> request = new HashMap<>();
        request.put("tenant_id", tenant);
        request.put("asset_id", "meter-1");
        request.put("metric", "power");
        request.put("timestamp", at.toString());
        // every feature but weather's (a selection with weather features is always answered by the stores)
        request.put("feature_names", names != null ? names : NOT_WEATHER);
        return request;
    }

    static Map<String, Object> reading(String tenant, String asset, Instant at, double value) {
        return Map.of(
                "tenant_id", tenant, "asset_id", asset, "metric", "power", "timestamp", at.toString(), "value", value);
    }
}
