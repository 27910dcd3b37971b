package io.aihub.topology.features.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void shouldComputeCountMeanSampleDeviationAndExtremes() {
        var m = new Moments();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            m.add(x);
        }
        assertThat(m.count()).isEqualTo(8);
        assertThat(m.avg()).isEqualTo(5.0);
        assertThat(m.std()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat(new double[] {m.min(), m.max()}).containsExactly(2, 9);
    }

    @Test
    void shouldGiveNullDeviationBelowTwoValuesAndNullEverythingWhenEmpty() {
        var m = new Moments();
        assertThat(new double[] {m.avg(), m.std(), m.min(), m.max()}).containsOnly(Double.NaN);
        m.add(3);
        assertThat(m.std()).isNaN();
        assertThat(m.reset().count()).isZero();
    }

    @Test
    void shouldStayAccurateForLargeValuesWithSmallSpread() {
        var m = new Moments();
        m.add(1e9 + 1);
        m.add(1e9 + 2);
        m.add(1e9 + 3);
        assertThat(m.std()).isEqualTo(1.0);
        assertThat(m.avg()).isEqualTo(1e9 + 2);
    }
}
