package io.aihub.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.FeatureVector;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code get_lag_features} and {@code get_rolling_features} over vectors written by the sink, against the stream's
 * definitions (README, "Feature semantics") computed here by brute force over the same readings.
 */
class FeatureFunctionsIT {

    private static final long H = 3_600_000L;

    private final SinkTestCluster cluster = SinkTestCluster.shared();
    private final List<SinkUnderTest> sinks = new ArrayList<>();

    @AfterEach
    void removeSinks() throws SQLException {
        for (SinkUnderTest sink : sinks) {
            sink.remove();
        }
    }

    @Test
    void shouldAnswerLagAndRollingFeaturesAsTheStreamDefinesThem() throws Exception {
        // Given 9 days of one series at irregular intervals (5 to 95 minutes, some gaps over an hour), plus another
        // metric of the same asset that must not leak into the answers
        var sink = SinkUnderTest.start(cluster, "functions", sinks, Map.of());
        var random = new Random(20261123L);
        long start = Instant.now()
                .minus(Duration.ofDays(10))
                .truncatedTo(ChronoUnit.HOURS)
                .toEpochMilli();
        var readings = new ArrayList<Reading>();
        var vectors = new ArrayList<FeatureVector>();
        for (long t = start; t < start + 9 * 24 * H; t += (5 + random.nextInt(91)) * 60_000L) {
            double value = Math.round(random.nextGaussian() * 1000) / 100.0 + 40;
            readings.add(new Reading(t, value));
            vectors.add(SampleRecords.vector("meter-7", "value", Instant.ofEpochMilli(t), value));
            vectors.add(SampleRecords.vector("meter-7", "other", Instant.ofEpochMilli(t), value + 1000));
        }
        cluster.send(sink.topic("features"), FeatureVector.class, vectors);
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> assertThat(sink.counts().get("ai_features")).isEqualTo((long) vectors.size()));

        // When the functions are asked at reading times and at times between readings
        var times = new ArrayList<Long>();
        for (int i = 0; i < 40; i++) {
            var reading = readings.get(readings.size() / 2 + random.nextInt(readings.size() / 2));
            times.add(i % 2 == 0 ? reading.t() : reading.t() + random.nextInt((int) H));
        }
        for (long at : times) {
            // Then each answer is the brute-force one
            var lags = sink.query(
                    "SELECT lag_hours, lag_value FROM get_lag_features('tenant-1', 'meter-7', ?, ARRAY[1, 24, 168])",
                    Instant.ofEpochMilli(at));
            assertThat(lags)
                    .as("lags at %s", Instant.ofEpochMilli(at))
                    .containsExactly(
                            List.of(1, lag(readings, at, 1)),
                            List.of(24, lag(readings, at, 24)),
                            List.of(168, lag(readings, at, 168)));
            for (int window : new int[] {24, 168}) {
                var rolling = sink.query(
                                "SELECT rolling_avg, rolling_stddev, rolling_min, rolling_max, rolling_count"
                                        + " FROM get_rolling_features('tenant-1', 'meter-7', ?, ?)",
                                Instant.ofEpochMilli(at),
                                window)
                        .getFirst();
                var expected = rolling(readings, at, window);
                assertThat((Double) rolling.get(0)).isCloseTo(expected[0], within(1e-9));
                assertThat((Double) rolling.get(1)).isCloseTo(expected[1], within(1e-9));
                assertThat(rolling.subList(2, 5)).containsExactly(expected[2], expected[3], (long) expected[4]);
            }
        }
        // and an empty window answers nulls and a zero count, a series without history null lags
        long before = start - 200 * H;
        assertThat(sink.query(
                        "SELECT * FROM get_rolling_features('tenant-1', 'meter-7', ?, 24)",
                        Instant.ofEpochMilli(before)))
                .containsExactly(
                        List.of(SinkUnderTest.NULL, SinkUnderTest.NULL, SinkUnderTest.NULL, SinkUnderTest.NULL, 0L));
        assertThat(sink.query(
                        "SELECT lag_hours, lag_value FROM get_lag_features('tenant-1', 'meter-7', ?, ARRAY[24])",
                        Instant.ofEpochMilli(before)))
                .containsExactly(List.of(24, SinkUnderTest.NULL));
    }

    /** The value of the greatest timestamp <= t - N h, if that timestamp is >= t - N h - 1 h. */
    private static Object lag(List<Reading> readings, long at, int hours) {
        long target = at - hours * H;
        Reading best = null;
        for (Reading reading : readings) {
            if (reading.t() <= target && reading.t() >= target - H && (best == null || reading.t() > best.t())) {
                best = reading;
            }
        }
        return best == null ? SinkUnderTest.NULL : best.value();
    }

    /** avg, sample std, min, max, count over (t - W h, t], two-pass. */
    private static double[] rolling(List<Reading> readings, long at, int hours) {
        var in = readings.stream()
                .filter(r -> r.t() > at - hours * H && r.t() <= at)
                .mapToDouble(Reading::value)
                .toArray();
        double mean = 0;
        for (double v : in) {
            mean += v;
        }
        mean /= in.length;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : in) {
            squares += (v - mean) * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {mean, Math.sqrt(squares / (in.length - 1)), min, max, in.length};
    }

    private record Reading(long t, double value) {}
}
