package io.aihub.topology.features.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonotonicDequeTest {

    @Test
    void shouldTrackTheSlidingMinimumAndMaximum() {
        var min = MonotonicDeque.forMin();
        var max = MonotonicDeque.forMax();
        min.push(1, 5);
        max.push(1, 5);
        min.push(2, 3);
        max.push(2, 3);
        min.push(3, 4);
        max.push(3, 4);
        assertThat(new double[] {min.extreme(), max.extreme()}).containsExactly(3, 5);

        min.evictAtOrBefore(2);
        max.evictAtOrBefore(2);

        assertThat(new double[] {min.extreme(), max.extreme()}).containsExactly(4, 4);
        min.evictAtOrBefore(3);
        assertThat(min.isEmpty()).isTrue();
        assertThat(min.extreme()).isNaN();
    }

    @Test
    void shouldMatchABruteForceSlidingWindowThroughGrowth() {
        var random = new Random(11);
        var max = MonotonicDeque.forMax();
        var window = new ArrayDeque<double[]>();
        for (long t = 0; t < 20_000; t++) {
            double x = random.nextInt(1000);
            max.push(t, x);
            window.addLast(new double[] {t, x});
            long cutoff = t - 1 - random.nextInt(3) * 100;
            if (cutoff > 0 && random.nextBoolean()) {
                max.evictAtOrBefore(t - 500);
                while (window.peekFirst()[0] <= t - 500) {
                    window.removeFirst();
                }
            }
            double expected = window.stream().mapToDouble(a -> a[1]).max().orElseThrow();
            assertThat(max.extreme()).isEqualTo(expected);
        }
    }
}
