package io.aihub.topology.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.topology.models.ArtifactCheck;
import io.aihub.topology.models.LeadCalibration;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.TrainedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ForecastersTest {

    /** Eleven weeks of a known seasonal series; the model trains on the first eight. */
    private static final History SERIES = SeasonalSeries.hourly(11 * 168, 1);

    private static final int TRAINING_HOURS = 8 * 168;
    /** Tuesday of week 10, 23:00: the next day is a weekday like the day before. */
    private static final Instant ISSUE = SeasonalSeries.START.plusSeconds((9 * 168 + 47) * 3600L);

    private static QuantileGbmForecaster trained;

    @BeforeAll
    static void train() {
        History training = SeasonalSeries.hourly(TRAINING_HOURS, 1);
        trained = QuantileGbmForecaster.train(training, SeasonalSeries.quickSettings());
    }

    static Stream<Forecaster> forecasters() {
        return Stream.of(trained, new SeasonalBaselineForecaster(), new SeasonalNaiveForecaster());
    }

    @ParameterizedTest
    @MethodSource("forecasters")
    void shouldForecastAKnownSeasonalSeriesWithinTolerance(Forecaster forecaster) {
        // given a daily sine of amplitude 20 and a weekend dip of 15, noise sd 1
        // when a day ahead is forecast
        List<ForecastPoint> points = forecaster.forecast(SERIES, ForecastRequest.hourly(ISSUE, 24));

        // then the median follows the noise-free curve, and the truth lies within p10-p90 at most steps
        double absError = 0;
        int inside = 0;
        for (ForecastPoint p : points) {
            double truth = SeasonalSeries.truth(p.targetTime().toEpochMilli());
            absError += Math.abs(p.p50() - truth);
            inside += p.p10() <= truth && truth <= p.p90() ? 1 : 0;
        }
        assertThat(absError / points.size()).as(forecaster.name()).isLessThan(2.0);
        assertThat(inside).as(forecaster.name()).isGreaterThanOrEqualTo(18);
    }

    @Test
    void shouldGiveTheBaselineAnHonestIntervalFromLittleHistory() {
        // Given 8 days: one or two values per hour-of-week cell, where in-sample errors would be about zero
        History history = SeasonalSeries.hourly(8 * 24, 17);
        Instant issue = SeasonalSeries.START.plus(Duration.ofDays(8));

        List<ForecastPoint> points = new SeasonalBaselineForecaster()
                .forecast(history, new ForecastRequest(ForecastType.LOAD, issue, 24, 60));

        // Then each day-ahead interval is as wide as the noise of a value against last week's (sd 1 each):
        // p90 - p10 = 2 x 1.28 x sqrt(2) = 3.6 for Gaussian errors
        assertThat(points).allSatisfy(p -> assertThat(p.p90() - p.p10()).isBetween(1.5, 8.0));
    }

    @Test
    void shouldBeatTheSeasonalNaiveOnTheKnownSeries() {
        double ours = meanAbsErrorOverTheLastWeek(trained);
        double naive = meanAbsErrorOverTheLastWeek(new SeasonalNaiveForecaster());

        // the seasonal naive carries one noisy value (sd 1) and misses the weekend steps; ours averages
        assertThat(ours).isLessThan(0.8 * naive);
    }

    @ParameterizedTest
    @MethodSource("forecasters")
    void shouldOrderTheQuantilesOnEveryStepOfEveryHorizonAndInterval(Forecaster forecaster) {
        for (int[] shape : new int[][] {{1, 60}, {24, 15}, {168, 60}, {168, 1440}, {1, 1440}}) {
            var request = new ForecastRequest(ForecastType.LOAD, ISSUE, shape[0], shape[1]);

            List<ForecastPoint> points = forecaster.forecast(SERIES, request);

            assertThat(points).hasSize(request.steps());
            for (int k = 1; k <= points.size(); k++) {
                ForecastPoint p = points.get(k - 1);
                assertThat(p.targetTime()).isEqualTo(ISSUE.plusSeconds(60L * shape[1] * k));
                assertThat(p.p10())
                        .as("%s %s step %d", forecaster.name(), request, k)
                        .isLessThanOrEqualTo(p.p50());
                assertThat(p.p50())
                        .as("%s %s step %d", forecaster.name(), request, k)
                        .isLessThanOrEqualTo(p.p90());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("forecasters")
    void shouldReadNothingAfterTheIssueTime(Forecaster forecaster) {
        int known = SERIES.lastIndexAtOrBefore(ISSUE) + 1;
        long[] times = new long[known];
        double[] values = new double[known];
        for (int i = 0; i < known; i++) {
            times[i] = SERIES.time(i);
            values[i] = SERIES.value(i);
        }
        var request = ForecastRequest.hourly(ISSUE, 48);

        assertThat(forecaster.forecast(SERIES, request))
                .isEqualTo(forecaster.forecast(History.of(times, values), request));
    }

    @Test
    void shouldTrainTheSameForecasterForTheSameSeed() {
        History training = SeasonalSeries.hourly(TRAINING_HOURS, 1);
        QuantileGbmForecaster again = QuantileGbmForecaster.train(training, SeasonalSeries.quickSettings());

        var request = ForecastRequest.hourly(ISSUE, 168);
        assertThat(again.forecast(SERIES, request)).isEqualTo(trained.forecast(SERIES, request));
        assertThat(again.report().orElseThrow().offsets())
                .isEqualTo(trained.report().orElseThrow().offsets());
    }

    @Test
    void shouldGiveTheBaselineTheHourOfDayProfileForASeriesYoungerThanAWeek() {
        // Given 3 days of a daily cycle: most hours of the next day's week have no value yet
        History history = SeasonalSeries.hourly(3 * 24, 23);
        Instant issue = Instant.ofEpochMilli(history.time(history.size() - 1));

        // When a day ahead is forecast
        List<ForecastPoint> points =
                new SeasonalBaselineForecaster().forecast(history, ForecastRequest.hourly(issue, 24));

        // Then the median follows the daily cycle (not the level alone) and the interval has width
        double absError = 0;
        for (ForecastPoint p : points) {
            absError += Math.abs(p.p50() - SeasonalSeries.truth(p.targetTime().toEpochMilli()));
            assertThat(p.p90() - p.p10()).isGreaterThan(0.5);
        }
        assertThat(absError / points.size()).isLessThan(3.0);
    }

    @Test
    void shouldForecastTheSameFromTheRegistryArtifact() {
        // given the trained forecaster's model written as a registry artifact and read back
        TrainedModel read =
                ModelArtifacts.read(ModelArtifacts.write(trained.model()), ArtifactCheck.sizeOnly(64 << 20));

        // when a forecaster is made of it
        QuantileGbmForecaster loaded = QuantileGbmForecaster.of((QuantileForecastModel) read);

        // then it forecasts exactly as the trained one, calibration included
        var request = ForecastRequest.hourly(ISSUE, 168);
        assertThat(loaded.forecast(SERIES, request)).isEqualTo(trained.forecast(SERIES, request));
        assertThat(loaded.model().calibration()).isEqualTo(trained.model().calibration());
        assertThat(trained.model().linear().leads()).isEqualTo(24);
        assertThat(loaded.model().linear()).isEqualTo(trained.model().linear());
        assertThat(loaded.report()).isEmpty();
    }

    @Test
    void shouldRefuseAModelWithoutCalibrationOrOtherInputs() {
        QuantileForecastModel uncalibrated = trained.model().withCalibration(LeadCalibration.NONE);

        assertThatThrownBy(() -> QuantileGbmForecaster.of(uncalibrated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without calibration");
        assertThat(QuantileGbmForecaster.accepts(uncalibrated)).isFalse();
        assertThat(QuantileGbmForecaster.accepts(trained.model())).isTrue();
    }

    @Test
    void shouldTrainOnTheTwoWeeksTheRawHistoryKeeps() {
        // given 12 days of hourly values: 5 days of issue times after the first 168 h
        History history = SeasonalSeries.hourly(12 * 24, 5);

        // when trained, the held-back tail shrinks to a quarter of those 5 days, at least one day
        QuantileGbmForecaster small = QuantileGbmForecaster.train(history, SeasonalSeries.quickSettings());

        // then it calibrates on the last quarter of the 119 h after the first 168 h, and forecasts
        Instant end = Instant.ofEpochMilli(history.time(history.size() - 1) + 1);
        assertThat(small.report().orElseThrow().calibrationStart())
                .isEqualTo(end.minus(Duration.ofMinutes(29 * 60 + 45)));
        Instant issue = Instant.ofEpochMilli(history.time(history.size() - 1));
        assertThat(small.forecast(history, ForecastRequest.hourly(issue, 24))).hasSize(24);
    }

    @ParameterizedTest
    @MethodSource("forecasters")
    void shouldNeverForecastNegativeGeneration(Forecaster forecaster) {
        long[] times = new long[3 * 168];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = SeasonalSeries.START.toEpochMilli() + i * SeasonalSeries.HOUR;
            values[i] = Math.max(0, 10 * Math.sin(2 * Math.PI * (i % 24 - 6) / 24.0)) + (i % 5 == 0 ? 0.3 : 0);
        }
        Instant issue = Instant.ofEpochMilli(times[times.length - 1]);

        List<ForecastPoint> points = forecaster.forecast(
                History.of(times, values), new ForecastRequest(ForecastType.GENERATION, issue, 48, 60));

        assertThat(points).allSatisfy(p -> assertThat(p.p10()).isGreaterThanOrEqualTo(0));
    }

    @ParameterizedTest
    @MethodSource("forecasters")
    void shouldRejectAHistoryTooShortNamingTheField(Forecaster forecaster) {
        History tooShort = SeasonalSeries.hourly(12, 3);
        Instant issue = Instant.ofEpochMilli(tooShort.time(11));

        assertThatThrownBy(() -> forecaster.forecast(tooShort, ForecastRequest.hourly(issue, 24)))
                .isInstanceOfSatisfying(
                        ForecastValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("historical_data"));
    }

    private static double meanAbsErrorOverTheLastWeek(Forecaster forecaster) {
        double sum = 0;
        int n = 0;
        for (int day = 0; day < 7; day++) {
            Instant issue = ISSUE.plusSeconds(day * 86_400L);
            for (ForecastPoint p : forecaster.forecast(SERIES, ForecastRequest.hourly(issue, 24))) {
                sum += Math.abs(p.p50() - SeasonalSeries.truth(p.targetTime().toEpochMilli()));
                n++;
            }
        }
        return sum / n;
    }
}
