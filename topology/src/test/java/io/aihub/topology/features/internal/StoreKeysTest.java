package io.aihub.topology.features.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.topology.features.SeriesKey;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

    @Test
    void shouldOrderReadingKeysOfOneSeriesByTimeAndKeepSeriesContiguous() {
        byte[] a = StoreKeys.seriesPrefix(new SeriesKey("t", "a", "m"));
        byte[] ab = StoreKeys.seriesPrefix(new SeriesKey("t", "a", "mm"));

        assertThat(StoreKeys.timed(a, 255)).isLessThan(StoreKeys.timed(a, 256));
        assertThat(StoreKeys.timed(a, 0)).isLessThan(StoreKeys.timed(a, Long.MAX_VALUE));
        // a different metric never falls inside the key range of series a
        assertThat(StoreKeys.timed(ab, 5).compareTo(StoreKeys.timed(a, Long.MAX_VALUE)) > 0
                        || StoreKeys.timed(ab, 5).compareTo(StoreKeys.timed(a, 0)) < 0)
                .isTrue();
        assertThat(StoreKeys.timestampOf(StoreKeys.timed(a, 1_700_000_000_123L).get()))
                .isEqualTo(1_700_000_000_123L);
    }

    @Test
    void shouldKeepTheAssetWatermarkKeyDistinctFromEverySeriesKey() {
        byte[] asset = StoreKeys.assetPrefix("t", "a");
        byte[] series = StoreKeys.seriesPrefix(new SeriesKey("t", "a", "m"));

        assertThat(StoreKeys.assetWatermarkKey(asset).get())
                .isNotEqualTo(series)
                .hasSize(asset.length + 1);
        assertThat(StoreKeys.toDouble(StoreKeys.doubleBytes(-12.5))).isEqualTo(-12.5);
        assertThat(StoreKeys.toLong(StoreKeys.longBytes(-3))).isEqualTo(-3);
    }
}
