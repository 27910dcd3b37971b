package io.aihub.topology.forecast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.topology.models.LinearLeadModel;
import org.junit.jupiter.api.Test;

class LinearWindowTest {

    private static final long HOUR = 3_600_000L;
    private static final long START = 1_704_067_200_000L; // 2024-01-01T00:00Z

    /** A noise-free daily sine: every value equals the one 24 h before, which the window holds for every lead. */
    private static SeriesIndex dailySine(int hours) {
        long[] times = new long[hours];
        double[] values = new double[hours];
        for (int i = 0; i < hours; i++) {
            times[i] = START + i * HOUR;
            values[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 24.0);
        }
        return new SeriesIndex(times, values);
    }

    @Test
    void shouldLearnAnExactDailyRepetitionForEveryLead() {
        // Given five weeks of a noise-free daily sine
        SeriesIndex series = dailySine(5 * 168);

        // When the linear part is fitted on the first four weeks
        LinearLeadModel linear = LinearWindow.fit(series, START, START + 4 * 168 * HOUR);

        // Then it forecasts every lead of the fifth week within 1 % of the amplitude (the ridge's small bias)
        assertThat(linear.leads()).isEqualTo(LinearWindow.LEADS);
        assertThat(linear.window()).isEqualTo(LinearWindow.WINDOW);
        for (int c = 4 * 168; c < 5 * 168 - LinearWindow.LEADS; c += 7) {
            LeadFeatures.Anchor anchor = LeadFeatures.anchor(series, c);
            double[] inputs = LinearWindow.inputs(series, anchor, linear.window());
            for (int lead = 1; lead <= LinearWindow.LEADS; lead++) {
                double forecast = anchor.absolute(linear.predict(inputs, lead));
                assertThat(forecast).isCloseTo(series.value(c + lead), org.assertj.core.api.Assertions.within(0.1));
            }
        }
    }

    @Test
    void shouldFitNothingWithoutTwiceAsManyIssueTimesAsCoefficients() {
        // Given 10 days: after the first 168 h and the last 24 h only 72 issue times remain, fewer than 2 x 169
        SeriesIndex series = dailySine(10 * 24);

        // Then there is no linear part (the trees forecast alone)
        assertThat(LinearWindow.fit(series, START, START + 10 * 24 * HOUR).isEmpty())
                .isTrue();
    }

    @Test
    void shouldSkipIssueTimesWhoseTargetsHaveAGapLongerThanAnHour() {
        // Given five weeks with a 3-hour gap every day: no issue time has all 24 targets at most an hour old
        SeriesIndex full = dailySine(5 * 168);
        int kept = 0;
        long[] times = new long[full.size()];
        double[] values = new double[full.size()];
        for (int i = 0; i < full.size(); i++) {
            if (i % 24 < 21) {
                times[kept] = full.time(i);
                values[kept++] = full.value(i);
            }
        }
        SeriesIndex gappy =
                new SeriesIndex(java.util.Arrays.copyOf(times, kept), java.util.Arrays.copyOf(values, kept));

        // Then there is no linear part
        assertThat(LinearWindow.fit(gappy, START, START + 5 * 168 * HOUR).isEmpty())
                .isTrue();
    }
}
