package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The isolation forest over rows of a device's metrics. */
class MultivariateForestDetectorTest {

    private static final List<String> METRICS = List.of("cpu_usage", "memory_usage_percent", "network_total");

    /** cpu ~ N(40, 5²), memory follows cpu (0.8 cpu + 20, noise 1), network ~ N(100, 10²). */
    private static double[] row(Random random) {
        double cpu = 40 + 5 * random.nextGaussian();
        return new double[] {cpu, 0.8 * cpu + 20 + random.nextGaussian(), 100 + 10 * random.nextGaussian()};
    }

    @Test
    void shouldRankRowsThatBreakTheMetricsRelationOrLeaveTheirRangeAboveCleanRows() {
        // Given 1,000 ordinary rows, then a row whose memory contradicts its cpu (low cpu, high memory; each at about
        // 3 σ on its own) and a row whose network is 10 σ out
        var random = new Random(41);
        var detector = MultivariateForestDetector.create(METRICS, 42);
        var scored = new ArrayList<Scored>();
        for (int i = 0; i < 1000; i++) {
            scored.add(detector.update(Series.MONDAY + i * 60_000L, row(random), 3.0));
        }
        Scored contradiction = detector.update(Series.MONDAY + 1000 * 60_000L, new double[] {25, 65, 100}, 3.0);
        Scored outOfRange = detector.update(Series.MONDAY + 1001 * 60_000L, new double[] {40, 52, 200}, 3.0);

        // Then the contradiction ranks in the top 1% of the clean rows (an axis-parallel forest sees a broken relation
        // only as a rare corner), the out-of-range row scores about its 10 σ, and the clean rows rarely reach 3
        double[] clean = scored.stream()
                .filter(s -> !s.warmingUp())
                .mapToDouble(Scored::score)
                .sorted()
                .toArray();
        assertThat(contradiction.score()).isGreaterThan(clean[(int) (0.99 * clean.length)]);
        assertThat(outOfRange.score()).isGreaterThanOrEqualTo(8);
        assertThat(outOfRange.explanation()).contains("network_total is outside the training range");
        long warm = scored.stream().filter(s -> !s.warmingUp()).count();
        assertThat(warm).isEqualTo(900);
        assertThat(scored.stream().filter(Scored::anomaly).count()).isLessThan(9);
        assertThat(contradiction.expected()).isNull();
    }

    @Test
    void shouldContinueAfterARestoreWithTheSameScores() {
        var random = new Random(43);
        var rows = new ArrayList<double[]>();
        for (int i = 0; i < 500; i++) {
            rows.add(row(random));
        }
        var uninterrupted = MultivariateForestDetector.create(METRICS, 7);
        var restored = MultivariateForestDetector.create(METRICS, 7);
        var expected = new ArrayList<Scored>();
        var actual = new ArrayList<Scored>();
        for (int i = 0; i < rows.size(); i++) {
            expected.add(uninterrupted.update(i, rows.get(i), 3.0));
            if (i == 300) {
                restored = MultivariateForestDetector.fromBytes(restored.toBytes());
            }
            actual.add(restored.update(i, rows.get(i), 3.0));
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(restored.featureNames()).isEqualTo(METRICS);
        assertThat(restored.method()).isEqualTo("isolation_forest");
    }

    @Test
    void shouldRefuseRowsAndNamesThatDoNotFit() {
        var detector = MultivariateForestDetector.create(METRICS, 1);

        assertThatThrownBy(() -> detector.update(0, new double[] {1, 2}, 3.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row has 3 values");
        assertThatThrownBy(() -> detector.learn(0, new double[] {1, Double.NaN, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> MultivariateForestDetector.create(List.of("cpu", "cpu"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeated");
        assertThatThrownBy(() -> MultivariateForestDetector.create(List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(detector.count()).isZero();
    }
}
