package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batch entry point of {@code POST /ai/anomaly}. */
class DetectorBatchTest {

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldLearnTheTrainingDataThenScoreTheSeriesAsTheStreamWould(DetectionMethod method) {
        // Given training data and a series that continues it
        List<Point> all = Series.withSpikes(Series.noise(31, 700), 15, 650);
        List<Point> training = all.subList(0, 600);
        List<Point> series = all.subList(600, 700);

        // When the series is posted with the training data
        List<Scored> posted = Detectors.detect(method, series, training, 2.5, 42);

        // Then no point is warming up, and each score is what a stream that had seen the training data gives
        Detector stream = Detectors.create(method, 42);
        training.forEach(p -> stream.learn(p.epochMillis(), p.value()));
        assertThat(posted)
                .isEqualTo(series.stream()
                        .map(p -> stream.update(p.epochMillis(), p.value(), 2.5))
                        .toList());
        assertThat(posted).noneMatch(Scored::warmingUp);
        assertThat(posted.get(50).anomaly()).isTrue();
    }

    @Test
    void shouldScoreAPostedSeriesWithoutTrainingScoreThenLearnFromItsFirstPoint() {
        List<Point> series = Series.withSpikes(Series.noise(32, 60), 20, 45);

        List<Scored> scored = Detectors.detect("z_score", series, null, 3.0, 0);

        assertThat(scored).hasSize(60);
        assertThat(scored.subList(0, 30)).allMatch(Scored::warmingUp);
        assertThat(scored.subList(30, 60)).noneMatch(Scored::warmingUp);
        assertThat(scored.get(45).anomaly()).isTrue();
        assertThat(scored.stream().filter(Scored::anomaly).count()).isOne();
    }

    @Test
    void shouldRefuseAnUnknownMethodAnEmptySeriesAndABadSensitivity() {
        List<Point> series = Series.noise(33, 3);

        assertThatThrownBy(() -> Detectors.detect("prophet", series, null, 3.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown anomaly detection method 'prophet', expected one of z_score, iqr,"
                        + " prophet_decomposition, isolation_forest, local_outlier_factor, seasonal_likelihood");
        assertThatThrownBy(() -> Detectors.detect("iqr", List.of(), null, 3.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the series to score is empty");
        assertThatThrownBy(() -> Detectors.detect("iqr", series, null, 5.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensitivity");
        assertThatThrownBy(() -> Detectors.detect("iqr", List.of(new Point(0, Double.NaN)), null, 3.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }
}
