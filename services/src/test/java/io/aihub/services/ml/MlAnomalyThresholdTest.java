package io.aihub.services.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.schemas.AnomalySeverity;
import org.junit.jupiter.api.Test;

/** The trained model's threshold, its registry name and the two-level severity of its anomalies. */
class MlAnomalyThresholdTest {

    @Test
    void shouldPutTheThresholdAtTheNearestRankQuantileSoAtMostTheContaminationIsAbove() {
        // Given the scores 1..100 (shuffled)
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = (i * 37) % 100 + 1;
        }

        // Then 1% puts it at the 99th smallest (one score above), 5% at the 95th, 50% at the median
        assertThat(ScoreThreshold.of(scores, 0.01)).isEqualTo(99.0);
        assertThat(ScoreThreshold.of(scores, 0.05)).isEqualTo(95.0);
        assertThat(ScoreThreshold.of(scores, 0.5)).isEqualTo(50.0);
        assertThat(scores[1]).as("the scores are not sorted in place").isEqualTo(38.0);
    }

    @Test
    void shouldUseTheLargestScoreWhenTheContaminationIsBelowOneRow() {
        assertThat(ScoreThreshold.of(new double[] {0.3, 0.9, 0.5}, 0.01)).isEqualTo(0.9);
    }

    @Test
    void shouldRefuseAContaminationOutsideItsRange() {
        assertThatThrownBy(() -> ScoreThreshold.of(new double[] {1}, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNameTheModelAfterTheDeviceOrAHashOfAnIdThatIsNotAModelName() {
        assertThat(DeviceModels.modelName("46b68204-9806-43c5-8d19-18b1f53e3b8a"))
                .isEqualTo("iforest-46b68204-9806-43c5-8d19-18b1f53e3b8a");
        assertThat(DeviceModels.modelName("meter.1")).matches("iforest-[0-9a-f]{32}");
        assertThat(DeviceModels.modelName("meter.1")).isNotEqualTo(DeviceModels.modelName("meter_1"));
    }

    @Test
    void shouldMapOnlyTheCriticalBandToCritical() {
        assertThat(MlAnomalyService.severity(AnomalySeverity.critical)).isEqualTo("critical");
        for (var band : new AnomalySeverity[] {AnomalySeverity.low, AnomalySeverity.medium, AnomalySeverity.high}) {
            assertThat(MlAnomalyService.severity(band)).isEqualTo("warning");
        }
    }
}
