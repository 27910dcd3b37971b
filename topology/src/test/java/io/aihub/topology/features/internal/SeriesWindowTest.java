package io.aihub.topology.features.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeriesWindowTest {

    @Test
    void shouldKeepReadingsSortedWhenInsertedOutOfOrderAndReplaceEqualTimestamps() {
        var w = new SeriesWindow(2);
        w.put(10, 1.0);
        w.put(30, 3.0);
        w.put(20, 2.0);
        boolean replaced = w.put(30, 4.0);

        assertThat(replaced).isTrue();
        assertThat(w.size()).isEqualTo(3);
        assertThat(new long[] {w.timestamp(w.start()), w.timestamp(w.start() + 1), w.timestamp(w.start() + 2)})
                .containsExactly(10, 20, 30);
        assertThat(w.avg(w.start(), w.end())).isCloseTo(7.0 / 3, within(1e-15));
    }

    @Test
    void shouldFindBoundsByTimestamp() {
        var w = new SeriesWindow(8);
        for (long t = 0; t < 100; t += 10) {
            w.append(t, t);
        }
        assertThat(w.lowerBound(25)).isEqualTo(w.start() + 3);
        assertThat(w.lowerBound(30)).isEqualTo(w.start() + 3);
        assertThat(w.upperBound(30)).isEqualTo(w.start() + 4);
        assertThat(w.upperBound(1000)).isEqualTo(w.end());
        assertThat(w.lowerBound(-5)).isEqualTo(w.start());
    }

    @Test
    void shouldMatchTwoPassStatisticsOfEveryRangeAfterManyAppendsEvictionsAndInserts() {
        // Given a window that grows, compacts and evicts, with values far from zero
        var random = new Random(3);
        var w = new SeriesWindow(4);
        var truth = new TreeMap<Long, Double>();
        long t = 0;
        for (int i = 0; i < 5000; i++) {
            t += 1 + random.nextInt(10);
            double x = 1e6 + random.nextGaussian();
            if (random.nextInt(10) == 0 && !truth.isEmpty()) {
                long back = t - random.nextInt(5) - 1;
                if (back > truth.firstKey()) {
                    w.put(back, x);
                    truth.put(back, x);
                    continue;
                }
            }
            w.append(t, x);
            truth.put(t, x);
            w.evictBefore(t - 2000);
            truth.headMap(t - 2000).clear();

            // Then every statistic of a random range equals the two-pass value
            if (i % 50 == 0) {
                assertThat(w.size()).isEqualTo(truth.size());
                int from = w.start() + random.nextInt(w.size());
                int to = from + random.nextInt(w.end() - from + 1);
                double[] xs = truth.values().stream()
                        .skip(from - w.start())
                        .limit(to - from)
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                if (xs.length >= 2) {
                    double mean = java.util.Arrays.stream(xs).average().orElseThrow();
                    double m2 = java.util.Arrays.stream(xs)
                            .map(v -> (v - mean) * (v - mean))
                            .sum();
                    assertThat(w.avg(from, to)).isCloseTo(mean, within(1e-9 * Math.abs(mean)));
                    double std = Math.sqrt(m2 / (xs.length - 1));
                    assertThat(w.std(from, to)).isCloseTo(std, within(1e-9 * std));
                }
            }
        }
    }

    @Test
    void shouldGiveZeroDeviationForAConstantSeries() {
        var w = new SeriesWindow(4);
        for (int i = 0; i < 100; i++) {
            w.append(i, 123.456);
        }
        assertThat(w.std(w.start(), w.end())).isEqualTo(0.0);
        assertThat(w.avg(w.start(), w.end())).isEqualTo(123.456);
    }
}
