package io.aihub.topology.features.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeatureMathTest {

    private static double[] time(String instant) {
        double[] row = new double[Feature.COUNT];
        FeatureMath.timeFeatures(Instant.parse(instant).toEpochMilli(), row);
        return java.util.Arrays.copyOf(row, 6);
    }

    @Test
    void shouldComputeCalendarFeaturesInUtc() {
        assertThat(time("2024-02-29T16:59:59.999Z")).containsExactly(16, 3, 29, 2, 0, 1);
        assertThat(time("2024-03-01T17:00:00Z")).containsExactly(17, 4, 1, 3, 0, 0);
        assertThat(time("2024-12-29T08:59:00Z")).containsExactly(8, 6, 29, 12, 1, 0);
        assertThat(time("1970-01-01T00:00:00Z")).containsExactly(0, 3, 1, 1, 0, 0);
    }

    @Test
    void shouldFloorToUtcHoursAndDays() {
        long t = Instant.parse("2024-05-05T13:45:10Z").toEpochMilli();
        assertThat(FeatureMath.floorHour(t))
                .isEqualTo(Instant.parse("2024-05-05T13:00:00Z").toEpochMilli());
        assertThat(FeatureMath.floorDay(t))
                .isEqualTo(Instant.parse("2024-05-05T00:00:00Z").toEpochMilli());
    }
}
