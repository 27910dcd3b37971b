package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.Sensitivity;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-stream path scores each row as the detector library does, and leaves rows it does not score at 0. */
class TopologyNabRunTest {

    @Test
    void shouldScoreEveryRowThroughTheTopologyAsTheLibraryDoes() {
        // Given two series with a level shift and a spike, and a repeated timestamp in the second
        NabSeries first = noisy("realKnownCause", "a.csv", 3_000, 7, -1);
        NabSeries second = noisy("artificialWithAnomaly", "b.csv", 2_000, 11, 1_500);
        var corpus = new NabCorpus(List.of(first, second));

        // When both run through the topology and through the library
        for (DetectionMethod method : List.of(DetectionMethod.SEASONAL_LIKELIHOOD, DetectionMethod.Z_SCORE)) {
            var run = new TopologyNabRun(method, Sensitivity.DEFAULT);
            Map<String, double[]> stream = run.score(corpus);
            Map<String, double[]> library =
                    new DetectorNabRun(() -> Detectors.create(method, 42), Sensitivity.DEFAULT).score(corpus);

            // Then the first series agrees row by row, and so does the second up to the repeated row, which the
            // stream does not score again
            assertThat(stream.get(first.relativePath())).containsExactly(library.get(first.relativePath()));
            double[] s = stream.get(second.relativePath());
            assertThat(s[1_500]).isZero();
            assertThat(java.util.Arrays.copyOf(s, 1_500))
                    .containsExactly(java.util.Arrays.copyOf(library.get(second.relativePath()), 1_500));
            assertThat(run.scoredRows()).isEqualTo(3_000 + 2_000 - 1);
            assertThat(java.util.Arrays.stream(stream.get(first.relativePath()))
                            .max()
                            .orElseThrow())
                    .isGreaterThan(0.5);
        }
    }

    @Test
    void shouldMakeAssetIdsOfNabFileNames() {
        assertThat(TopologyNabRun.assetId(noisy("realKnownCause", "ambient temp (1).csv", 10, 1, -1)))
                .isEqualTo("realKnownCause.ambient_temp__1_");
    }

    /** Hourly-seasonal noise, a spike at 2/3 and a level shift at 3/4; row {@code repeat} repeats the previous time. */
    private static NabSeries noisy(String category, String file, int rows, long seed, int repeat) {
        var random = new Random(seed);
        long[] t = new long[rows];
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = NabFixtures.START.toEpochMilli() + (i == repeat ? i - 1 : i) * NabFixtures.FIVE_MINUTES;
            v[i] = 10 + 3 * Math.sin(2 * Math.PI * i / 288) + random.nextGaussian() * 0.5;
            if (i == rows * 2 / 3) {
                v[i] += 15;
            }
            if (i >= rows * 3 / 4) {
                v[i] += 6;
            }
        }
        return new NabSeries(category, file, t, v, List.of(), List.of());
    }
}
