package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every method finds injected outliers and stays quiet on clean data. */
class DetectorOutliersTest {

    private static final double SENSITIVITY = Sensitivity.DEFAULT;

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldScoreSpikesAboveThreeAndRankThemFirst(DetectionMethod method) {
        // Given noise with four spikes of 10 σ
        int[] spikes = {700, 1100, 1500, 1800};
        List<Point> series = Series.withSpikes(Series.noise(1, 2000), 10 * Series.SIGMA, spikes);

        // When every reading is scored in-stream
        List<Scored> scored = Detectors.detect(method, series, null, SENSITIVITY, 42);

        // Then the spikes score 3 or more, above every other reading but those right after a spike (which the
        // methods that look at the jump from the previous reading rightly find unusual too)
        double lowestSpike = Double.MAX_VALUE;
        for (int i : spikes) {
            assertThat(scored.get(i).score()).as("%s spike at %d", method, i).isGreaterThanOrEqualTo(3);
            assertThat(scored.get(i).anomaly()).isTrue();
            lowestSpike = Math.min(lowestSpike, scored.get(i).score());
        }
        var spikesAndNext = IntStream.of(spikes)
                .flatMap(i -> IntStream.of(i, i + 1))
                .boxed()
                .toList();
        assertThat(topIndices(scored, 8))
                .as(method.id())
                .containsAll(IntStream.of(spikes).boxed().toList());
        double highestOther = IntStream.range(0, scored.size())
                .filter(i -> !spikesAndNext.contains(i))
                .mapToDouble(i -> scored.get(i).score())
                .max()
                .orElseThrow();
        assertThat(highestOther).as(method.id()).isLessThan(lowestSpike);
    }

    @ParameterizedTest
    @EnumSource(
            value = DetectionMethod.class,
            names = {"SEASONAL_LIKELIHOOD"},
            mode = EnumSource.Mode.EXCLUDE) // scores the recent average: see SeasonalLikelihoodDetectorTest
    void shouldScoreTheStartOfALevelShiftAboveThreeAndAboveEveryEarlierReading(DetectionMethod method) {
        // Given noise that shifts up by 8 σ at reading 1200
        List<Point> series = Series.withLevelShift(Series.noise(2, 1600), 8 * Series.SIGMA, 1200);

        // When scored
        List<Scored> scored = Detectors.detect(method, series, null, SENSITIVITY, 42);

        // Then the first shifted reading scores 3 or more, higher than any reading before the shift
        double maxBefore = scored.subList(0, 1200).stream()
                .mapToDouble(Scored::score)
                .max()
                .orElseThrow();
        assertThat(scored.get(1200).score())
                .as(method.id())
                .isGreaterThanOrEqualTo(3)
                .isGreaterThan(maxBefore);
    }

    @ParameterizedTest
    @EnumSource(
            value = DetectionMethod.class,
            names = {"PROPHET_DECOMPOSITION", "ISOLATION_FOREST", "LOCAL_OUTLIER_FACTOR"})
    void shouldFindAReadingThatIsNormalOnlyAtAnotherHour(DetectionMethod method) {
        // Given three weeks of a daily and weekly pattern, where 03:00 on the last Thursday has the 14:00 level
        List<Point> series = Series.seasonalWithWrongHourSpike(3);

        // When scored
        List<Scored> scored = Detectors.detect(method, series, null, SENSITIVITY, 42);

        // Then that reading scores 3 or more, above all others but the jump back right after it
        assertThat(scored.get(Series.WRONG_HOUR).score()).as(method.id()).isGreaterThanOrEqualTo(3);
        double highestOther = IntStream.range(0, scored.size())
                .filter(i -> i != Series.WRONG_HOUR && i != Series.WRONG_HOUR + 1)
                .mapToDouble(i -> scored.get(i).score())
                .max()
                .orElseThrow();
        assertThat(highestOther)
                .as(method.id())
                .isLessThan(scored.get(Series.WRONG_HOUR).score());
    }

    @ParameterizedTest
    @EnumSource(
            value = DetectionMethod.class,
            names = {"Z_SCORE", "IQR"})
    void shouldNotSeeAWrongHourWithoutContextAsDocumented(DetectionMethod method) {
        // Given the same series: the wrong-hour reading is inside the range of the last day's readings
        List<Point> series = Series.seasonalWithWrongHourSpike(3);

        // When scored by a method that compares with the window's distribution only
        List<Scored> scored = Detectors.detect(method, series, null, SENSITIVITY, 42);

        // Then it is not an anomaly: that is what prophet_decomposition is for
        assertThat(scored.get(Series.WRONG_HOUR).anomaly()).as(method.id()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldStayQuietOnNormalNoise(DetectionMethod method) {
        List<Scored> scored = Detectors.detect(method, Series.noise(4, 3000), null, SENSITIVITY, 42);

        assertThat(anomalyRate(scored)).as(method.id()).isLessThan(0.01);
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldStayQuietOnACleanSeasonalSeries(DetectionMethod method) {
        List<Scored> scored = Detectors.detect(method, Series.seasonal(5), null, SENSITIVITY, 42);

        assertThat(anomalyRate(scored)).as(method.id()).isLessThan(0.01);
    }

    @ParameterizedTest
    @EnumSource(
            value = DetectionMethod.class,
            names = {"SEASONAL_LIKELIHOOD"},
            mode = EnumSource.Mode.EXCLUDE) // scores the recent average: see SeasonalLikelihoodDetectorTest
    void shouldScoreAThreeSigmaReadingAboutThreeOnNormalData(DetectionMethod method) {
        // Given clean normal noise, then one reading 3 σ above the mean (and one 6 σ, well apart)
        List<Point> clean = Series.noise(6, 1200);
        List<Point> series = new java.util.ArrayList<>(clean);
        series.set(900, new Point(clean.get(900).epochMillis(), 50 + 3 * Series.SIGMA));
        series.set(1100, new Point(clean.get(1100).epochMillis(), 50 + 6 * Series.SIGMA));

        // When scored
        List<Scored> scored = Detectors.detect(method, series, null, SENSITIVITY, 42);

        // Then the scale is "standard deviations from expected" whatever the method: about 3 and about 6
        assertThat(scored.get(900).score()).as(method.id()).isBetween(1.8, 4.5);
        assertThat(scored.get(1100).score()).as(method.id()).isBetween(4.0, 9.0);
    }

    private static double anomalyRate(List<Scored> scored) {
        long warm = scored.stream().filter(s -> !s.warmingUp()).count();
        long anomalies = scored.stream().filter(Scored::anomaly).count();
        return (double) anomalies / warm;
    }

    private static List<Integer> topIndices(List<Scored> scored, int n) {
        return IntStream.range(0, scored.size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scored.get(i).score())
                        .reversed())
                .limit(n)
                .toList();
    }
}
