package io.aihub.services.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Weather posted to /ingest/weather is joined to the asset's readings as of their time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeatherApiIT {

    private static final Instant T = Instant.parse("2025-10-06T12:00:00Z");

    private AppInstance app;

    @BeforeAll
    void start() {
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("weather-api"),
                SharedInfrastructure.uniquePrefix("weather-api"),
                Map.of());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldServeTheLatestWeatherAtOrBeforeTheTimestampWithinItsMaximumAge() {
        // Given two observations, 4 h and 30 min before T, and a reading at T
        Reply posted = app.post(
                "/ingest/weather",
                List.of(
                        Map.of(
                                "tenant_id",
                                "tw",
                                "asset_id",
                                "pv-1",
                                "timestamp",
                                T.minus(Duration.ofHours(4)).toString(),
                                "temperature",
                                10.0),
                        Map.of(
                                "tenant_id",
                                "tw",
                                "asset_id",
                                "pv-1",
                                "timestamp",
                                T.minus(Duration.ofMinutes(30)).toString(),
                                "temperature",
                                21.5,
                                "solar_irradiance",
                                640.0)));
        assertThat(posted.status()).isEqualTo(202);
        assertThat(posted.body().path("accepted").asInt()).isEqualTo(2);
        assertThat(app.post(
                                "/ingest/telemetry",
                                List.of(FeatureApiIT.reading("tw", "pv-1", "power_kw", T.toString(), 3.2)))
                        .status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply at = features(T);
            assertThat(at.status()).as("features at T: %s", at.body()).isEqualTo(200);
            // Then the latest observation applies, its missing fields stay null
            assertThat(at.body().path("features").path("temperature").asDouble())
                    .isEqualTo(21.5);
            assertThat(at.body().path("features").path("solar_irradiance").asDouble())
                    .as(at.body().toString())
                    .isEqualTo(640.0);
            assertThat(at.body().path("features").path("humidity").isNull()).isTrue();
        });
        // And 40 min before T only the older observation precedes it, and it is 3 h 20 min old: past the 3 h maximum
        // age
        Reply earlier = features(T.minus(Duration.ofMinutes(40)));
        assertThat(earlier.body().path("features").path("temperature").isNull()).isTrue();
    }

    @Test
    void shouldRejectOutOfRangeWeatherNamingIndexAndField() {
        Reply reply = app.post(
                "/ingest/weather",
                List.of(
                        Map.of("tenant_id", "tw", "asset_id", "pv-1", "timestamp", T.toString(), "humidity", 50.0),
                        Map.of("tenant_id", "tw", "asset_id", "pv-1", "timestamp", T.toString(), "humidity", 140.0)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("field").asString()).isEqualTo("[1].humidity");
    }

    private Reply features(Instant at) {
        return app.post(
                "/ai/features/get",
                Map.of("tenant_id", "tw", "asset_id", "pv-1", "metric", "power_kw", "timestamp", at.toString()));
    }
}
