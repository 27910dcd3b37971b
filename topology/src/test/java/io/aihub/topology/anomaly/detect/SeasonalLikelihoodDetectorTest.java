package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code seasonal_likelihood}: the rarity of the recent average, one alert per episode. */
class SeasonalLikelihoodDetectorTest {

    private static final double SENSITIVITY = Sensitivity.DEFAULT;

    @Test
    void shouldReportALevelShiftOnceWithinItsFirstReadings() {
        // Given noise that shifts up by 8 σ at reading 1200 (5-minute readings: 400 readings, 33 hours, after it)
        List<Point> series = Series.withLevelShift(Series.noise(2, 1600), 8 * Series.SIGMA, 1200);

        // When scored
        List<Scored> scored = Detectors.detect(DetectionMethod.SEASONAL_LIKELIHOOD, series, null, SENSITIVITY, 42);

        // Then one of its first three readings is reported, and none other for 6 hours (72 readings); before it, the
        // clean noise raised at most one alert per 500 readings (see ANOMALY.md: averages of scores are skewed)
        List<Integer> anomalies = anomalies(scored);
        assertThat(anomalies.stream().filter(i -> i >= 1200 && i < 1272))
                .hasSize(1)
                .allMatch(i -> i < 1203);
        assertThat(anomalies.stream().filter(i -> i < 1200).count()).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldFindLargeSpikesAndHoldBackTheRestOfTheirEpisode() {
        // Given noise with 10 σ spikes: two an hour apart (12 readings), then one 7 hours later
        List<Point> series = Series.withSpikes(Series.noise(1, 2000), 10 * Series.SIGMA, 1000, 1012, 1096);

        // When scored
        List<Scored> scored = Detectors.detect(DetectionMethod.SEASONAL_LIKELIHOOD, series, null, SENSITIVITY, 42);

        // Then the first and the third are reported; the second, within 6 hours of the first, is held below 3
        assertThat(anomalies(scored)).contains(1000, 1096).doesNotContain(1012).hasSizeLessThanOrEqualTo(4);
        assertThat(scored.get(1012).score()).isEqualTo(Math.nextDown(SENSITIVITY));
        assertThat(scored.get(1012).explanation())
                .startsWith("Held back (")
                .contains("part of the anomaly reported at 2024-01-04T11:20:00Z; alerts resume 360 minutes after it");
        assertThat(scored.get(1000).explanation()).startsWith("Recent readings deviate ");
        assertThat(scored.get(1000).expected()).isNull();
    }

    @Test
    void shouldReportEverySpikeWithoutARefractoryPeriod() {
        var settings = new SeasonalLikelihoodDetector.Settings(10, 2016, 100, 10, 0);
        Detector detector = SeasonalLikelihoodDetector.create(settings);
        List<Point> series = Series.withSpikes(Series.noise(1, 2000), 10 * Series.SIGMA, 1000, 1012, 1096);

        List<Scored> scored = DetectorStateTest.run(detector, series);

        assertThat(anomalies(scored)).contains(1000, 1012, 1096);
    }

    @Test
    void shouldNotReportASingleModerateReading() {
        // Given clean noise with one reading 3 σ above the mean: unusual, but not a rare recent average
        List<Point> series = new ArrayList<>(Series.noise(6, 1200));
        series.set(900, new Point(series.get(900).epochMillis(), 50 + 3 * Series.SIGMA));

        List<Scored> scored = Detectors.detect(DetectionMethod.SEASONAL_LIKELIHOOD, series, null, SENSITIVITY, 42);

        assertThat(scored.get(900).anomaly()).isFalse();
        assertThat(scored.get(900).score()).isBetween(0.5, 3.0);
    }

    @Test
    void shouldReportASustainedModerateDepartureThatNoSingleReadingShows() {
        // Given noise whose spread doubles from reading 1200 (no single reading is far out)
        List<Point> clean = Series.noise(7, 1600);
        var series = new ArrayList<Point>(clean);
        for (int i = 1200; i < series.size(); i++) {
            series.set(
                    i,
                    new Point(clean.get(i).epochMillis(), 50 + 3 * (clean.get(i).value() - 50)));
        }

        List<Scored> scored = Detectors.detect(DetectionMethod.SEASONAL_LIKELIHOOD, series, null, SENSITIVITY, 42);

        // Then it is reported within an hour of the change
        assertThat(anomalies(scored)).anyMatch(i -> i >= 1200 && i < 1212);
    }

    @Test
    void shouldWarmUpForTheSeasonalWarmUpThenTheMinimumHistory() {
        List<Scored> scored =
                Detectors.detect(DetectionMethod.SEASONAL_LIKELIHOOD, Series.noise(8, 200), null, SENSITIVITY, 42);

        assertThat(scored.subList(0, 131)).allMatch(Scored::warmingUp);
        assertThat(scored.get(31).explanation())
                .isEqualTo("Warming up: 0 of the 100 scored readings needed before scoring");
        assertThat(scored.subList(131, 200)).noneMatch(Scored::warmingUp);
    }

    @Test
    void shouldKeepItsStateWithinTheDocumentedSizeOnceTheWindowsAreFull() {
        Detector detector = Detectors.create(DetectionMethod.SEASONAL_LIKELIHOOD, 0);
        Series.noise(9, 2500).forEach(p -> detector.learn(p.epochMillis(), p.value()));

        // float32 residuals, the short window, and moments in place of the long window (layout 2)
        assertThat(detector.toBytes()).hasSize(2798 + 4 * 288 + 8 * 10).hasSizeLessThanOrEqualTo(5 * 1024);
        assertThat(detector.count()).isEqualTo(2500);
    }

    @Test
    void shouldRefuseSettingsOutOfRangeNamingThem() {
        assertThatThrownBy(() -> new SeasonalLikelihoodDetector.Settings(1, 2016, 100, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shortWindow must be between 2 and 10000, was 1");
        assertThatThrownBy(() -> new SeasonalLikelihoodDetector.Settings(10, 2016, 100, 10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("refractoryMillis must be between 0 and ");
    }

    private static List<Integer> anomalies(List<Scored> scored) {
        return IntStream.range(0, scored.size())
                .filter(i -> scored.get(i).anomaly())
                .boxed()
                .toList();
    }
}
