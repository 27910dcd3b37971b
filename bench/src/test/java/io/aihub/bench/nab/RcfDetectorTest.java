package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RcfDetectorTest {

    private static final int SPIKE = 1200;

    /** A daily-like sine with noise, 1500 rows, and one spike at row 1200. */
    private static double[] spikySeries() {
        Random random = new Random(7);
        double[] values = new double[1500];
        for (int i = 0; i < values.length; i++) {
            values[i] = 20 + 5 * Math.sin(2 * Math.PI * i / 288.0) + 0.3 * random.nextGaussian();
        }
        values[SPIKE] = 60;
        return values;
    }

    @Test
    void shouldScoreAnObviousSpikeClearlyAboveEveryOtherRow() {
        double[] scores = new RcfDetector(RcfDetector.Settings.libraryDefaults()).score(spikySeries());

        double othersMax = 0;
        for (int i = 300; i < scores.length; i++) {
            if (i != SPIKE) {
                othersMax = Math.max(othersMax, scores[i]);
            }
        }
        assertThat(Arrays.stream(scores).boxed().toList())
                .allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        assertThat(scores[SPIKE]).isGreaterThan(0.5).isGreaterThan(2 * othersMax);
    }

    @Test
    void shouldScoreZeroUntilTheForestHasAQuarterOfItsSample() {
        double[] scores = new RcfDetector(RcfDetector.Settings.libraryDefaults()).score(spikySeries());

        assertThat(Arrays.copyOf(scores, 64)).containsOnly(0.0);
        assertThat(scores[64]).isPositive();
    }

    @Test
    void shouldBeDeterministicForAFixedSeed() {
        double[] values = spikySeries();
        RcfDetector.Settings settings = RcfDetector.Settings.nabEntry();

        double[] first = new RcfDetector(settings).score(values);
        double[] second = new RcfDetector(settings).score(values);
        double[] otherSeed = new RcfDetector(settings.withSeed(43)).score(values);

        assertThat(second).containsExactly(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void shouldDescribeLibraryDefaultsAndNabEntrySettings() {
        assertThat(RcfDetector.Settings.libraryDefaults())
                .isEqualTo(new RcfDetector.Settings(50, 256, 1, 1.0 / 2560, 42));
        assertThat(RcfDetector.Settings.nabEntry()).isEqualTo(new RcfDetector.Settings(100, 256, 1, 1e-5, 42));
        assertThat(RcfDetector.Settings.nabEntry().scoreScale()).isEqualTo(8.0);
    }
}
