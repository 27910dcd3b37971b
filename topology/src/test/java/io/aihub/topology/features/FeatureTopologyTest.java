package io.aihub.topology.features;

import static io.aihub.topology.features.FeatureDriver.observation;
import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.WindowAggregate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureTopologyTest {

    static final long H = 3_600_000L;
    /** Monday 2024-01-01 00:00 UTC. */
    static final long MON = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private final FeatureDriver d = new FeatureDriver();

    @AfterEach
    void close() {
        d.close();
    }

    static Map<String, @Nullable Double> group(FeatureVector v, List<String> names) {
        var out = new LinkedHashMap<String, @Nullable Double>();
        for (String name : names) {
            out.put(name, v.getFeatures().get(name));
        }
        return out;
    }

    static Map<String, @Nullable Double> expected(Object... pairs) {
        var out = new LinkedHashMap<String, @Nullable Double>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            out.put((String) pairs[i], v == null ? null : ((Number) v).doubleValue());
        }
        return out;
    }

    @Test
    void shouldEmitTimeFeaturesOfTheReadingsUtcTime() {
        // Given readings on a Monday at 09:00 and a Saturday at 10:30
        d.send(reading("t1", "a1", "power", MON + 9 * H, 1.0));
        d.send(reading(
                "t1", "a1", "power", Instant.parse("2024-03-16T10:30:00Z").toEpochMilli(), 2.0));

        // When the vectors are read
        List<FeatureVector> out = d.features.readValuesToList();

        // Then every time feature is present and correct
        assertThat(out).hasSize(2);
        assertThat(group(out.get(0), FeatureNames.TIME))
                .isEqualTo(expected(
                        "hour_of_day",
                        9,
                        "day_of_week",
                        0,
                        "day_of_month",
                        1,
                        "month",
                        1,
                        "is_weekend",
                        0,
                        "is_business_hours",
                        1));
        assertThat(group(out.get(1), FeatureNames.TIME))
                .isEqualTo(expected(
                        "hour_of_day",
                        10,
                        "day_of_week",
                        5,
                        "day_of_month",
                        16,
                        "month",
                        3,
                        "is_weekend",
                        1,
                        "is_business_hours",
                        0));
        assertThat(out.get(0).getFeatures()).containsOnlyKeys(FeatureNames.ALL);
        assertThat(out.get(0).getValue()).isEqualTo(1.0);
        assertThat(out.get(0).getTimestamp()).isEqualTo(Instant.ofEpochMilli(MON + 9 * H));
    }

    @Test
    void shouldEmitLagsFromTheLastReadingAtOrBeforeTheLagPointNoOlderThanAnHour() {
        // Given readings at 00:00, 00:30 and 24:40 and 25:45
        d.send(reading("t1", "a1", "m", MON, 10.0));
        d.send(reading("t1", "a1", "m", MON + 30 * 60_000L, 11.0));
        d.send(reading("t1", "a1", "m", MON + 24 * H + 40 * 60_000L, 12.0));
        d.send(reading("t1", "a1", "m", MON + 25 * H + 45 * 60_000L, 13.0));

        List<FeatureVector> out = d.features.readValuesToList();

        // Then at 24:40 lag_24h is the 00:30 reading, lag_1h has nothing in [22:40, 23:40]
        assertThat(group(out.get(2), FeatureNames.LAGS))
                .isEqualTo(expected("lag_1h", null, "lag_24h", 11.0, "lag_168h", null));
        // And at 25:45 lag_1h is the 24:40 reading; lag_24h (<= 01:45, >= 00:45) has none
        assertThat(group(out.get(3), FeatureNames.LAGS))
                .isEqualTo(expected("lag_1h", 12.0, "lag_24h", null, "lag_168h", null));
    }

    @Test
    void shouldEmitRollingAndHistoricalStatisticsWithAndWithoutTheCurrentReading() {
        // Given hourly readings 1, 2, 3, 4 and one 25h old reading 100 that is outside 24h
        d.send(reading("t1", "a1", "m", MON, 100.0));
        d.send(reading("t1", "a1", "m", MON + 25 * H, 1.0));
        d.send(reading("t1", "a1", "m", MON + 26 * H, 2.0));
        d.send(reading("t1", "a1", "m", MON + 27 * H, 3.0));
        d.send(reading("t1", "a1", "m", MON + 28 * H, 4.0));

        FeatureVector last = d.features.readValuesToList().get(4);

        // Then rolling 24h = {1,2,3,4}, rolling 168h adds 100, historical = {1,2,3}
        double std1234 = Math.sqrt(5.0 / 3.0);
        double mean5 = 110.0 / 5;
        double std5 = Math.sqrt(((100 - mean5) * (100 - mean5)
                        + (1 - mean5) * (1 - mean5)
                        + (2 - mean5) * (2 - mean5)
                        + (3 - mean5) * (3 - mean5)
                        + (4 - mean5) * (4 - mean5))
                / 4);
        var rolling = group(last, FeatureNames.ROLLING);
        assertThat(rolling.keySet()).containsExactlyElementsOf(FeatureNames.ROLLING);
        assertThat(rolling.get("rolling_avg_24h")).isCloseTo(2.5, within(1e-12));
        assertThat(rolling.get("rolling_std_24h")).isCloseTo(std1234, within(1e-12));
        assertThat(rolling.get("rolling_min_24h")).isEqualTo(1.0);
        assertThat(rolling.get("rolling_max_24h")).isEqualTo(4.0);
        assertThat(rolling.get("rolling_avg_168h")).isCloseTo(mean5, within(1e-12));
        assertThat(rolling.get("rolling_std_168h")).isCloseTo(std5, within(1e-9));
        assertThat(rolling.get("rolling_min_168h")).isEqualTo(1.0);
        assertThat(rolling.get("rolling_max_168h")).isEqualTo(100.0);
        assertThat(group(last, FeatureNames.HISTORICAL))
                .isEqualTo(expected(
                        "historical_avg_24h",
                        2.0,
                        "historical_std_24h",
                        1.0,
                        "max_24h",
                        3.0,
                        "min_24h",
                        1.0,
                        "range_24h",
                        2.0));
    }

    @Test
    void shouldLeaveStatisticsNullForTheFirstReadingOfASeries() {
        d.send(reading("t1", "a1", "m", MON, 5.0));

        FeatureVector first = d.features.readValue();

        assertThat(group(first, FeatureNames.HISTORICAL))
                .isEqualTo(expected(
                        "historical_avg_24h",
                        null,
                        "historical_std_24h",
                        null,
                        "max_24h",
                        null,
                        "min_24h",
                        null,
                        "range_24h",
                        null));
        assertThat(group(first, FeatureNames.HOURLY))
                .isEqualTo(expected(
                        "hourly_avg", 5, "hourly_min", 5, "hourly_max", 5, "hourly_stddev", null, "hourly_count", 1));
        assertThat(first.getFeatures().get("rolling_std_24h")).isNull();
        assertThat(group(first, FeatureNames.WEATHER).values()).containsOnlyNulls();
    }

    @Test
    void shouldEmitHourlyAndDailyFeaturesOfTheCurrentUtcHourAndDaySoFar() {
        // Given 01:50 (2), 02:10 (4), 02:20 (6) on one day
        d.send(reading("t1", "a1", "m", MON + H + 50 * 60_000L, 2.0));
        d.send(reading("t1", "a1", "m", MON + 2 * H + 10 * 60_000L, 4.0));
        d.send(reading("t1", "a1", "m", MON + 2 * H + 20 * 60_000L, 6.0));

        FeatureVector last = d.features.readValuesToList().get(2);

        assertThat(group(last, FeatureNames.HOURLY))
                .isEqualTo(expected(
                        "hourly_avg",
                        5,
                        "hourly_min",
                        4,
                        "hourly_max",
                        6,
                        "hourly_stddev",
                        Math.sqrt(2.0),
                        "hourly_count",
                        2));
        assertThat(group(last, FeatureNames.DAILY))
                .isEqualTo(expected(
                        "daily_avg", 4, "daily_min", 2, "daily_max", 6, "daily_stddev", 2.0, "daily_count", 3));
    }

    @Test
    void shouldFoldAnOutOfOrderReadingWithinGraceIntoItsFeaturesAndLaterOnes() {
        // Given 10:00 (1) and 10:40 (3), then 10:20 (2) late by 20 min (grace 1h), then 10:50 (4)
        d.send(reading("t1", "a1", "m", MON + 10 * H, 1.0));
        d.send(reading("t1", "a1", "m", MON + 10 * H + 40 * 60_000L, 3.0));
        d.send(reading("t1", "a1", "m", MON + 10 * H + 20 * 60_000L, 2.0));
        d.send(reading("t1", "a1", "m", MON + 10 * H + 50 * 60_000L, 4.0));

        List<FeatureVector> out = d.features.readValuesToList();

        // Then the late reading sees what was before it, and the next reading sees all four
        assertThat(out).hasSize(4);
        assertThat(out.get(2).getTimestamp()).isEqualTo(Instant.ofEpochMilli(MON + 10 * H + 20 * 60_000L));
        assertThat(group(out.get(2), FeatureNames.HOURLY))
                .isEqualTo(expected(
                        "hourly_avg",
                        1.5,
                        "hourly_min",
                        1,
                        "hourly_max",
                        2,
                        "hourly_stddev",
                        Math.sqrt(0.5),
                        "hourly_count",
                        2));
        assertThat(out.get(3).getFeatures().get("hourly_count")).isEqualTo(4.0);
        assertThat(out.get(3).getFeatures().get("hourly_avg")).isEqualTo(2.5);
        assertThat(out.get(3).getFeatures().get("max_24h")).isEqualTo(3.0);
        assertThat(out.get(3).getFeatures().get("min_24h")).isEqualTo(1.0);
        assertThat(d.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldReplaceAReadingRedeliveredWithTheSameTimestamp() {
        d.send(reading("t1", "a1", "m", MON, 1.0));
        d.send(reading("t1", "a1", "m", MON + H, 2.0));
        d.send(reading("t1", "a1", "m", MON + H, 5.0));

        List<FeatureVector> out = d.features.readValuesToList();

        assertThat(out).hasSize(3);
        assertThat(group(out.get(2), FeatureNames.DAILY))
                .isEqualTo(expected(
                        "daily_avg",
                        3,
                        "daily_min",
                        1,
                        "daily_max",
                        5,
                        "daily_stddev",
                        Math.sqrt(8.0),
                        "daily_count",
                        2));
    }

    @Test
    void shouldAcceptABackfillOfANewAssetWhileAnotherAssetOnThePartitionIsFarAhead() {
        // Given asset a1 reporting 30 days ahead of a2's history
        long now = MON + 30 * 24 * H;
        d.send(reading("t1", "a1", "m", now, 1.0));

        // When a2 back-fills its last 8 days hourly, and a1 keeps going
        for (long t = now - 8 * 24 * H; t <= now; t += H) {
            d.send(reading("t1", "a2", "m", t - 30 * 24 * H, 2.0));
        }
        d.send(reading("t1", "a1", "m", now + H, 1.0));

        // Then every reading is accepted, none dead-lettered
        assertThat(d.features.getQueueSize()).isEqualTo(1 + 8 * 24 + 1 + 1);
        assertThat(d.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitHourlyAndDailyAggregatesOnceTheWatermarkPassesTheWindowEndPlusGrace() {
        // Given readings in hour 10 (1, 3) and 11 (5) of Monday
        d.send(reading("t1", "a1", "m", MON + 10 * H, 1.0));
        d.send(reading("t1", "a1", "m", MON + 10 * H + 30 * 60_000L, 3.0));
        d.send(reading("t1", "a1", "m", MON + 11 * H + 59 * 60_000L, 5.0));
        // Then hour 10 is still open (close at 12:00 with 1h grace)
        assertThat(d.hourly.isEmpty()).isTrue();

        // When the watermark reaches 12:00, then Tuesday 01:00
        d.send(reading("t1", "a1", "m", MON + 12 * H, 7.0));
        d.send(reading("t1", "a1", "m", MON + 25 * H, 9.0));

        // Then hours 10, 11 and 12 closed, and Monday closed
        assertThat(d.hourly.readValuesToList())
                .containsExactly(
                        aggregate(AggregateWindow.HOUR, MON + 10 * H, H, 2.0, 1.0, 3.0, Math.sqrt(2.0), 2),
                        aggregate(AggregateWindow.HOUR, MON + 11 * H, H, 5.0, 5.0, 5.0, null, 1),
                        aggregate(AggregateWindow.HOUR, MON + 12 * H, H, 7.0, 7.0, 7.0, null, 1));
        assertThat(d.daily.readValuesToList())
                .containsExactly(aggregate(AggregateWindow.DAY, MON, 24 * H, 4.0, 1.0, 7.0, Math.sqrt(20.0 / 3.0), 4));
    }

    static WindowAggregate aggregate(
            AggregateWindow window,
            long start,
            long len,
            double avg,
            double min,
            double max,
            @Nullable Double std,
            long count) {
        return new WindowAggregate(
                "t1",
                "a1",
                "m",
                window,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + len),
                avg,
                min,
                max,
                std,
                count);
    }

    @Test
    void shouldJoinTheLatestWeatherAtOrBeforeTheReadingNoOlderThanMaxAge() {
        // Given weather at 08:00 and 10:00 (and a future 12:00) for a1
        d.send(observation("t1", "a1", MON + 8 * H, 5.0, 80.0));
        d.send(observation("t1", "a1", MON + 10 * H, 7.0, null));
        d.send(observation("t1", "a1", MON + 12 * H, 9.0, 60.0));

        // When readings arrive at 09:00, 10:30 and 16:00 (max age 3h)
        d.send(reading("t1", "a1", "m", MON + 9 * H, 1.0));
        d.send(reading("t1", "a1", "other", MON + 10 * H + 30 * 60_000L, 1.0));
        d.send(reading("t1", "a1", "m", MON + 16 * H, 1.0));

        List<FeatureVector> out = d.features.readValuesToList();
        assertThat(group(out.get(0), List.of("temperature", "humidity", "wind_speed")))
                .isEqualTo(expected("temperature", 5.0, "humidity", 80.0, "wind_speed", null));
        assertThat(group(out.get(1), List.of("temperature", "humidity")))
                .isEqualTo(expected("temperature", 7.0, "humidity", null));
        assertThat(group(out.get(2), FeatureNames.WEATHER).values()).containsOnlyNulls();
    }
}
