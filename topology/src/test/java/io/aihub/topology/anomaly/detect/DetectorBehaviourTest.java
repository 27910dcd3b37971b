package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aihub.schemas.AnomalySeverity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Warm-up, determinism, the scale, severities, sensitivity and expected ranges. */
class DetectorBehaviourTest {

    @ParameterizedTest
    @CsvSource({
        "z_score, 30",
        "iqr, 30",
        "prophet_decomposition, 31",
        "isolation_forest, 100",
        "local_outlier_factor, 64"
    })
    void shouldWarmUpUntilTheMethodHasEnoughHistory(String method, int warmUp) {
        // Given a series whose second reading is a huge spike
        List<Point> series = new ArrayList<>(Series.noise(21, warmUp + 1));
        series.set(1, new Point(series.get(1).epochMillis(), 1e6));

        // When scored from scratch
        List<Scored> scored = Detectors.detect(method, series, null, 1.0, 42);

        // Then the first warmUp readings (the spike too) are warming up, with score 0 and no range, and say so
        for (Scored s : scored.subList(0, warmUp)) {
            assertThat(s.warmingUp()).isTrue();
            assertThat(s.score()).isZero();
            assertThat(s.anomaly()).isFalse();
            assertThat(s.expected()).isNull();
            assertThat(s.severity()).isEqualTo(AnomalySeverity.none);
            assertThat(s.explanation()).startsWith("Warming up: ").contains("needed before scoring");
        }
        assertThat(scored.get(0).explanation()).matches("Warming up: 0 of the \\d+ (readings|residuals) needed.*");
        assertThat(scored.get(warmUp).warmingUp()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldGiveTheSameScoresForTheSameSeriesAndSeed(DetectionMethod method) {
        List<Point> series = Series.withSpikes(Series.noise(22, 900), 12, 400, 800);

        assertThat(Detectors.detect(method, series, null, 3.0, 9))
                .isEqualTo(Detectors.detect(method, series, null, 3.0, 9));
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldExplainAReadingAsOfItsScoreEvenWhenTheExplanationIsReadLater(DetectionMethod method) {
        // explanations are written on first use: they must not see the state the detector moved on to
        List<Point> series = Series.withSpikes(Series.noise(24, 900), 12, 400, 800);
        Detector now = Detectors.create(method, 5);
        Detector later = Detectors.create(method, 5);
        List<String> readAtOnce = new ArrayList<>();
        List<Scored> readLater = new ArrayList<>();
        for (Point p : series) {
            readAtOnce.add(now.update(p.epochMillis(), p.value(), 3.0).explanation());
            readLater.add(later.update(p.epochMillis(), p.value(), 3.0));
        }

        assertThat(readLater).extracting(Scored::explanation).isEqualTo(readAtOnce);
    }

    @Test
    void shouldTrainTheIsolationForestDifferentlyForAnotherSeed() {
        List<Point> series = Series.noise(23, 400);

        List<Double> one = scores(Detectors.detect(DetectionMethod.ISOLATION_FOREST, series, null, 3.0, 1));
        List<Double> other = scores(Detectors.detect(DetectionMethod.ISOLATION_FOREST, series, null, 3.0, 2));

        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void shouldScoreAZScoreAgainstTheMeanAndSampleDeviationOfTheWindowWithItsRange() {
        // Given 30 readings alternating 49 and 51: mean 50, sample std sqrt(30/29)
        ZScoreDetector detector = ZScoreDetector.create();
        for (int i = 0; i < 30; i++) {
            detector.learn(i, i % 2 == 0 ? 49 : 51);
        }
        double std = Math.sqrt(30.0 / 29);
        byte[] state = detector.toBytes();

        // When 54 is scored at sensitivity 3, and again (from the same state) at sensitivity 4
        Scored at3 = detector.update(30, 54, 3.0);
        Scored at4 = ZScoreDetector.fromBytes(state).update(30, 54, 4.0);

        // Then the score is 4/std, an anomaly at 3 but not at 4, with mean ± sensitivity × std as the range
        assertThat(at3.score()).isCloseTo(4 / std, within(1e-12));
        assertThat(at3.anomaly()).isTrue();
        assertThat(at4.anomaly()).isFalse();
        assertThat(at3.expected()).isEqualTo(new ExpectedRange(50 - 3 * std, 50 + 3 * std, 50, std));
        assertThat(at4.expected()).isEqualTo(new ExpectedRange(50 - 4 * std, 50 + 4 * std, 50, std));
        assertThat(at3.severity()).isEqualTo(AnomalySeverity.high);
        assertThat(at3.explanation())
                .isEqualTo("Value deviates 3.93 std devs from expected (mean 50, std 1.0171 of the last 30 readings)");
    }

    @Test
    void shouldScoreTukeysFencesAsDocumented() {
        // Given the values 1..100: Q1 25.75, Q3 75.25 (type 7), IQR 49.5, σ = 49.5 / 1.349
        IqrDetector detector = IqrDetector.create();
        for (int v = 1; v <= 100; v++) {
            detector.learn(v, v);
        }
        double sigma = 49.5 / IqrDetector.IQR_PER_SIGMA;
        byte[] state = detector.toBytes();

        Scored inside = IqrDetector.fromBytes(state).update(101, 60, 3.0);
        Scored innerFence = IqrDetector.fromBytes(state).update(101, 75.25 + 1.5 * 49.5, 3.0);
        Scored below = IqrDetector.fromBytes(state).update(101, 25.75 - 2 * sigma, 3.0);

        assertThat(inside.score()).isZero();
        assertThat(innerFence.score()).isCloseTo(2.698, within(1e-3));
        assertThat(below.score()).isCloseTo(IqrDetector.Z_75 + 2, within(1e-12));
        double reach = (3.0 - IqrDetector.Z_75) * sigma;
        assertThat(inside.expected()).isEqualTo(new ExpectedRange(25.75 - reach, 75.25 + reach, 50.5, sigma));
        assertThat(innerFence.explanation()).startsWith("Value deviates 2.70 std devs from expected: 74.25 above");
    }

    @Test
    void shouldMapScoresToTheDocumentedSeverityBandsAndCompareThemWithTheSensitivity() {
        assertThat(Scored.of(1.99, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.none);
        assertThat(Scored.of(2.0, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.low);
        assertThat(Scored.of(2.49, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.low);
        assertThat(Scored.of(2.5, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.medium);
        assertThat(Scored.of(3.49, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.medium);
        assertThat(Scored.of(3.5, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.high);
        assertThat(Scored.of(4.5, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.high);
        assertThat(Scored.of(4.51, 3.0, null, "").severity()).isEqualTo(AnomalySeverity.critical);

        assertThat(Scored.of(2.99, 3.0, null, "").anomaly()).isFalse();
        assertThat(Scored.of(3.0, 3.0, null, "").anomaly()).isTrue();
        assertThat(Scored.of(1.5, 1.0, null, "").anomaly()).isTrue();
        assertThat(Scored.of(Double.POSITIVE_INFINITY, 5.0, null, "").score()).isEqualTo(Scored.MAX_SCORE);
        assertThat(Scored.of(-1, 5.0, null, "").score()).isZero();
    }

    @Test
    void shouldScoreADepartureFromAConstantSeriesAsCriticalButFinite() {
        Detector detector = Detectors.create(DetectionMethod.Z_SCORE, 0);
        for (int i = 0; i < 40; i++) {
            detector.learn(i, 7.0);
        }

        Scored same = detector.update(40, 7.0, 3.0);
        Scored moved = detector.update(41, 7.5, 3.0);

        assertThat(same.score()).isZero();
        assertThat(moved.score()).isEqualTo(Scored.MAX_SCORE);
        assertThat(moved.severity()).isEqualTo(AnomalySeverity.critical);
    }

    @Test
    void shouldExplainASeasonalScoreWithItsComponentsAndTheHourOfTheWeek() {
        List<Scored> scored = Detectors.detect(
                DetectionMethod.PROPHET_DECOMPOSITION, Series.seasonalWithWrongHourSpike(3), null, 3.0, 0);

        Scored wrongHour = scored.get(Series.WRONG_HOUR);
        assertThat(wrongHour.explanation())
                .startsWith("Value deviates ")
                .contains("(Thursday 03:00 UTC: level ")
                .contains("hour of day ")
                .contains("hour of week ")
                .contains("residual std ");
        ExpectedRange range = wrongHour.expected();
        assertThat(range).isNotNull();
        assertThat(range.max()).isCloseTo(range.mean() + 3 * range.std(), within(1e-9));
        assertThat(range.mean())
                .isCloseTo(Series.seasonalShape(Series.MONDAY + 17 * 86_400_000L + 3 * 3_600_000L), within(3.0));
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldRefuseNonFiniteReadingsAndSensitivitiesOutOfRange(DetectionMethod method) {
        Detector detector = Detectors.create(method, 0);

        assertThatThrownBy(() -> detector.update(0, Double.NaN, 3.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> detector.learn(0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> detector.update(0, 1, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensitivity must be between 1.0 and 5.0, was 0.5");
        assertThat(detector.count()).isZero();
    }

    private static List<Double> scores(List<Scored> scored) {
        return scored.stream().map(Scored::score).toList();
    }
}
