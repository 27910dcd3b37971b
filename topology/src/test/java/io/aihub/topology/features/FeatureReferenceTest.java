package io.aihub.topology.features;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.ReferenceFeatures.Reading;
import io.aihub.topology.features.ReferenceFeatures.Stats;
import io.aihub.topology.features.ReferenceFeatures.Weather;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random readings and weather (gaps, ~20% out of order within grace, some beyond grace, duplicates) through the
 * topology; every emitted vector, every closed window and FeatureQuery at random times are compared with
 * {@link ReferenceFeatures} over the readings a simple model of the acceptance rules accepted.
 */
class FeatureReferenceTest {

    static final long H = 3_600_000L;
    static final long START = Instant.parse("2024-02-26T00:00:00Z").toEpochMilli();
    static final Duration GRACE = Duration.ofHours(1);
    static final Duration RETENTION = Duration.ofHours(169 + 1 + 24);
    static final Duration MAX_AGE = Duration.ofHours(3);
    static final List<SeriesKey> SERIES = List.of(
            new SeriesKey("t1", "a1", "m1"),
            new SeriesKey("t1", "a1", "m2"),
            new SeriesKey("t1", "a2", "m1"),
            new SeriesKey("t2", "a1", "m1"));

    /** The acceptance model: per series and per asset a watermark and the accepted events. */
    static final class Model {
        final Map<SeriesKey, TreeMap<Long, Double>> readings = new HashMap<>();
        final Map<String, TreeMap<Long, List<@Nullable Double>>> weather = new HashMap<>();
        final Map<SeriesKey, Long> watermarks = new HashMap<>();
        final Map<String, Long> weatherWatermarks = new HashMap<>();

        List<Reading> readings(SeriesKey key) {
            var out = new ArrayList<Reading>();
            readings.getOrDefault(key, new TreeMap<>()).forEach((t, v) -> out.add(new Reading(t, v)));
            return out;
        }

        List<Weather> weather(String asset) {
            var out = new ArrayList<Weather>();
            weather.getOrDefault(asset, new TreeMap<>()).forEach((t, f) -> out.add(new Weather(t, f)));
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 42L})
    void shouldMatchTheReferenceForEveryVectorWindowAndQuery(long seed) {
        run(seed, Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(longs = {5L})
    void shouldMatchTheReferenceWhenSeriesAreEvictedFromHeapAndRestoredFromTheStore(long seed) {
        run(seed, 150);
    }

    private void run(long seed, long maxHeldReadings) {
        var random = new Random(seed);
        var settings = new FeatureSettings(GRACE, RETENTION, MAX_AGE, FeatureCatalog.loadDefault());
        var model = new Model();
        var clocks = new HashMap<String, Long>();
        int vectors = 0;
        int late = 0;
        int windows = 0;
        try (var d = new FeatureDriver(settings, maxHeldReadings)) {
            for (int step = 0; step < 3000; step++) {
                if (random.nextInt(10) == 0) {
                    sendWeather(d, model, random, clocks);
                    continue;
                }
                SeriesKey key = SERIES.get(random.nextInt(SERIES.size()));
                long w = model.watermarks.getOrDefault(key, Long.MIN_VALUE);
                long t = nextTimestamp(random, key.toString(), w, clocks, model.readings.get(key));
                double value = Math.round(random.nextGaussian() * 5000) / 100.0 + 100;
                d.send(reading(key.tenantId(), key.assetId(), key.metric(), t, value));
                if (w != Long.MIN_VALUE && t < w - GRACE.toMillis()) {
                    DeadLetter letter = d.deadLetters.readValue();
                    assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.LATE);
                    assertThat(d.features.isEmpty()).isTrue();
                    late++;
                    continue;
                }
                model.readings.computeIfAbsent(key, k -> new TreeMap<>()).put(t, value);
                List<Reading> accepted = model.readings(key);
                if (w != Long.MIN_VALUE && t > w) {
                    windows += checkClosedWindows(d, key, accepted, w, t);
                }
                model.watermarks.put(key, Math.max(w, t));
                assertThat(d.hourly.isEmpty()).isTrue();
                assertThat(d.daily.isEmpty()).isTrue();
                FeatureVector vector = d.features.readValue();
                var expected = ReferenceFeatures.at(t, accepted, model.weather(key.partitionKey()), MAX_AGE);
                assertSameFeatures(
                        "vector at " + t + " of " + key + " (step " + step + ")", vector.getFeatures(), expected);
                assertThat(vector.getValue()).isEqualTo(value);
                vectors++;
                assertThat(d.deadLetters.isEmpty()).isTrue();
            }
            int queries = checkQueries(d, model, random);
            assertThat(vectors).isGreaterThan(2000);
            assertThat(late).isGreaterThan(20);
            assertThat(windows).isGreaterThan(100);
            assertThat(queries).isGreaterThan(100);
        }
    }

    private static long nextTimestamp(
            Random random, String clockKey, long w, Map<String, Long> clocks, @Nullable TreeMap<Long, Double> held) {
        if (w == Long.MIN_VALUE) {
            long start = START + random.nextInt(48) * H + random.nextInt(3600) * 1000L;
            clocks.put(clockKey, start);
            return start;
        }
        int dice = random.nextInt(100);
        if (dice < 18) {
            return Math.max(0, w - (long) (random.nextDouble() * GRACE.toMillis()));
        }
        if (dice < 20) {
            return w - GRACE.toMillis();
        }
        if (dice < 24) {
            return w - GRACE.toMillis() - 1 - random.nextInt(5) * H;
        }
        if (dice < 28 && held != null) {
            var recent = held.tailMap(w - GRACE.toMillis(), true).keySet().toArray(new Long[0]);
            return recent[random.nextInt(recent.length)];
        }
        long gap = dice < 30 ? 20 * H + random.nextInt(12) * H : random.nextInt(40 * 60) * 1000L + 1;
        long t = w + gap;
        clocks.put(clockKey, t);
        return t;
    }

    private static void sendWeather(FeatureDriver d, Model model, Random random, Map<String, Long> clocks) {
        SeriesKey key = SERIES.get(random.nextInt(SERIES.size()));
        String asset = key.partitionKey();
        long w = model.weatherWatermarks.getOrDefault(asset, Long.MIN_VALUE);
        long base = model.watermarks.getOrDefault(key, START);
        long t = w == Long.MIN_VALUE
                ? base
                : random.nextInt(4) == 0
                        ? w - (long) (random.nextDouble() * 2 * GRACE.toMillis())
                        : Math.max(w, base) + random.nextInt(90) * 60_000L;
        var fields = new ArrayList<@Nullable Double>();
        for (int i = 0; i < 6; i++) {
            fields.add(random.nextInt(5) == 0 ? null : Math.round(random.nextDouble() * 1000) / 10.0);
        }
        WeatherObservation o = WeatherObservation.newBuilder()
                .setTenantId(key.tenantId())
                .setAssetId(key.assetId())
                .setTimestamp(Instant.ofEpochMilli(t))
                .setTemperature(fields.get(0))
                .setHumidity(fields.get(1))
                .setSolarIrradiance(fields.get(2))
                .setWindSpeed(fields.get(3))
                .setCloudCover(fields.get(4))
                .setPrecipitation(fields.get(5))
                .build();
        d.send(o);
        if (w != Long.MIN_VALUE && t < w - GRACE.toMillis()) {
            assertThat(d.deadLetters.readValue().getReasonCode()).isEqualTo(DeadLetterReason.LATE);
            return;
        }
        assertThat(d.deadLetters.isEmpty()).isTrue();
        model.weather.computeIfAbsent(asset, a -> new TreeMap<>()).put(t, fields);
        model.weatherWatermarks.put(asset, Math.max(w, t));
    }

    /** Windows closing when the watermark moves from oldW to newW, in time order, hours then days. */
    private static int checkClosedWindows(
            FeatureDriver d, SeriesKey key, List<Reading> accepted, long oldW, long newW) {
        int count = 0;
        for (var kind : List.of(AggregateWindow.HOUR, AggregateWindow.DAY)) {
            long len = kind == AggregateWindow.HOUR ? H : 24 * H;
            var expected = new ArrayList<WindowAggregate>();
            long first = Math.floorDiv(oldW - len - GRACE.toMillis(), len) * len;
            for (long start = first; start + len + GRACE.toMillis() <= newW; start += len) {
                if (start + len + GRACE.toMillis() <= oldW) {
                    continue;
                }
                var stats = ReferenceFeatures.window(accepted, start, start + len);
                if (stats.isPresent()) {
                    expected.add(aggregate(key, kind, start, len, stats.get()));
                }
            }
            var out = kind == AggregateWindow.HOUR ? d.hourly : d.daily;
            List<WindowAggregate> actual = out.readValuesToList();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertSameAggregate(actual.get(i), expected.get(i));
            }
            count += expected.size();
        }
        return count;
    }

    private static WindowAggregate aggregate(SeriesKey key, AggregateWindow kind, long start, long len, Stats s) {
        return new WindowAggregate(
                key.tenantId(),
                key.assetId(),
                key.metric(),
                kind,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + len),
                s.avg(),
                s.min(),
                s.max(),
                s.std(),
                s.count());
    }

    private static void assertSameAggregate(WindowAggregate actual, WindowAggregate expected) {
        String what = "window " + expected.getWindow() + " " + expected.getWindowStart();
        assertThat(actual.getWindowStart()).as(what).isEqualTo(expected.getWindowStart());
        assertThat(actual.getWindowEnd()).as(what).isEqualTo(expected.getWindowEnd());
        assertThat(actual.getCount()).as(what).isEqualTo(expected.getCount());
        assertThat(actual.getMin()).as(what).isEqualTo(expected.getMin());
        assertThat(actual.getMax()).as(what).isEqualTo(expected.getMax());
        assertClose(what + " avg", actual.getAvg(), expected.getAvg());
        assertClose(what + " stddev", actual.getStddev(), expected.getStddev());
        assertThat(List.of(actual.getTenantId(), actual.getAssetId(), actual.getMetric(), actual.getWindow()))
                .isEqualTo(List.of(
                        expected.getTenantId(), expected.getAssetId(), expected.getMetric(), expected.getWindow()));
    }

    private static int checkQueries(FeatureDriver d, Model model, Random random) {
        FeatureQuery query = d.query();
        int count = 0;
        for (SeriesKey key : SERIES) {
            long w = model.watermarks.get(key);
            long earliest = w - RETENTION.toMillis() + 169 * H;
            long wa = model.weatherWatermarks.getOrDefault(key.partitionKey(), Long.MIN_VALUE);
            long from = Math.max(
                    earliest, wa == Long.MIN_VALUE ? earliest : wa - RETENTION.toMillis() + MAX_AGE.toMillis());
            for (int i = 0; i < 40; i++) {
                long t = from + (long) (random.nextDouble() * (w + 5 * H - from));
                if (i % 7 == 0) {
                    t = model.readings.get(key).ceilingKey(from);
                }
                var lookup = query.at(key, Instant.ofEpochMilli(t));
                if (!(lookup instanceof FeatureLookup.Found found)) {
                    fail("expected features at " + t + " of " + key + " but got " + lookup);
                    return count;
                }
                assertThat(found.latestReading()).isEqualTo(Instant.ofEpochMilli(w));
                var expected = ReferenceFeatures.at(t, model.readings(key), model.weather(key.partitionKey()), MAX_AGE);
                assertSameFeatures("query at " + t + " of " + key, found.features(), expected);
                count++;
            }
            assertThat(query.at(key, Instant.ofEpochMilli(earliest - 1)))
                    .isEqualTo(new FeatureLookup.OutsideRetention(key, Instant.ofEpochMilli(earliest)));
        }
        return count;
    }

    static void assertSameFeatures(
            String what, Map<String, @Nullable Double> actual, Map<String, @Nullable Double> expected) {
        assertThat(actual.keySet()).as(what).containsExactlyInAnyOrderElementsOf(FeatureNames.ALL);
        for (String name : FeatureNames.ALL) {
            assertClose(what + ": " + name, actual.get(name), expected.get(name));
        }
    }

    static void assertClose(String what, @Nullable Double actual, @Nullable Double expected) {
        if (expected == null || actual == null) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double tolerance = 1e-9 * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-12;
        if (Math.abs(actual - expected) > tolerance) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
