package io.aihub.topology.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.topology.anomaly.AlignedRows.MetricSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a device's metrics become the rows of its multivariate model: forward fill on the union of timestamps. */
class MlAnomalyRowAlignmentTest {

    @Test
    void shouldMakeOneRowPerTimestampWhenTheMetricsShareTimestamps() {
        // Given two metrics read at the same three times
        var cpu = series(new long[] {10, 20, 30}, new double[] {1, 2, 3});
        var mem = series(new long[] {10, 20, 30}, new double[] {40, 50, 60});

        // When aligned
        AlignedRows rows = AlignedRows.forwardFill(List.of("cpu", "mem"), List.of(cpu, mem), 100);

        // Then one row per time, in time order
        assertThat(rows.metrics()).containsExactly("cpu", "mem");
        assertThat(rows.timestamps()).containsExactly(10, 20, 30);
        assertThat(rows.rows()).isDeepEqualTo(new double[][] {{1, 40}, {2, 50}, {3, 60}});
    }

    @Test
    void shouldForwardFillAMetricBetweenItsReadingsAndDropRowsBeforeEveryMetricHasAValue() {
        // Given cpu every 10 ms from 0, and mem only at 15 and 35
        var cpu = series(new long[] {0, 10, 20, 30, 40}, new double[] {1, 2, 3, 4, 5});
        var mem = series(new long[] {15, 35}, new double[] {100, 200});

        // When aligned
        AlignedRows rows = AlignedRows.forwardFill(List.of("cpu", "mem"), List.of(cpu, mem), 100);

        // Then rows start at mem's first reading, and each metric holds its latest value at or before the row's time
        assertThat(rows.timestamps()).containsExactly(15, 20, 30, 35, 40);
        assertThat(rows.rows()).isDeepEqualTo(new double[][] {{2, 100}, {3, 100}, {4, 100}, {4, 200}, {5, 200}});
    }

    @Test
    void shouldKeepTheLatestRowsWhenThereAreMoreThanTheMaximum() {
        var cpu = series(new long[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});

        AlignedRows rows = AlignedRows.forwardFill(List.of("cpu"), List.of(cpu), 2);

        assertThat(rows.timestamps()).containsExactly(3, 4);
        assertThat(rows.rows()).isDeepEqualTo(new double[][] {{3}, {4}});
    }

    @Test
    void shouldMakeNoRowWhenAMetricHasNoReadings() {
        var cpu = series(new long[] {1, 2}, new double[] {1, 2});
        var none = series(new long[0], new double[0]);

        AlignedRows rows = AlignedRows.forwardFill(List.of("cpu", "mem"), List.of(cpu, none), 10);

        assertThat(rows.size()).isZero();
        assertThat(rows.metrics()).containsExactly("cpu", "mem");
    }

    @Test
    void shouldRefuseAsManySeriesAsMetricsMismatch() {
        assertThatThrownBy(() -> AlignedRows.forwardFill(List.of("cpu", "mem"), List.of(), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 metrics but 0 series");
    }

    private static MetricSeries series(long[] times, double[] values) {
        return new MetricSeries(times, values);
    }
}
