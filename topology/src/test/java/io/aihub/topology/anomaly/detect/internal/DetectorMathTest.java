package io.aihub.topology.anomaly.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The detectors' maths helpers against brute force and known values. */
class DetectorMathTest {

    @Test
    void shouldAnswerQuantilesAndDeviationsOfTheLastValuesExactly() {
        // Given a window of 50 fed 500 values with many ties
        var random = new Random(1);
        var window = new SortedWindow(50);
        double[] all = new double[500];
        for (int i = 0; i < all.length; i++) {
            all[i] = random.nextInt(20) - 10 + (i % 7 == 0 ? -0.0 : 0.0);
            window.add(all[i]);

            // Then at every step it answers as sorting the last (up to) 50 values does
            double[] last = Arrays.copyOfRange(all, Math.max(0, i - 49), i + 1);
            Arrays.sort(last);
            int n = last.length;
            double median = n % 2 == 1 ? last[n / 2] : (last[n / 2 - 1] + last[n / 2]) / 2;
            assertThat(window.size()).isEqualTo(n);
            assertThat(window.median()).isEqualTo(median);
            double h = (n - 1) * 0.25;
            int lo = (int) h;
            double q1 = lo + 1 < n ? last[lo] + (h - lo) * (last[lo + 1] - last[lo]) : last[lo];
            assertThat(window.quantile(0.25)).isCloseTo(q1, within(1e-12));
            assertThat(window.quantile(1.0)).isEqualTo(last[n - 1]);
            double[] deviations =
                    Arrays.stream(last).map(v -> Math.abs(v - median)).sorted().toArray();
            double mad = n % 2 == 1 ? deviations[n / 2] : (deviations[n / 2 - 1] + deviations[n / 2]) / 2;
            assertThat(window.medianAbsDeviation(median)).isEqualTo(mad);
            assertThat(window.meanAbsDeviation(median))
                    .isCloseTo(Arrays.stream(deviations).average().orElseThrow(), within(1e-12));
            assertThat(window.values().newest()).isEqualTo(all[i] + 0.0);
        }
    }

    @Test
    void shouldFallBackToTheMeanDeviationThenAFloorWhenTheMadIsZero() {
        var window = new SortedWindow(10);
        for (int i = 0; i < 10; i++) {
            window.add(i < 7 ? 5 : 8);
        }
        assertThat(window.robustScale()).isCloseTo(1.2533 * 0.9, within(1e-12));
        var constant = new SortedWindow(4);
        for (int i = 0; i < 4; i++) {
            constant.add(-200);
        }
        assertThat(constant.robustScale()).isCloseTo(200e-9, within(1e-20));
        assertThat(new SortedWindow(3).robustScale()).isNaN();
    }

    @Test
    void shouldGiveTheNormalDeviateOfATwoSidedTailProbability() {
        assertThat(NormalQuantiles.twoSidedDeviate(Math.log(0.0026997960632601866)))
                .isCloseTo(3.0, within(1e-7));
        assertThat(NormalQuantiles.twoSidedDeviate(Math.log(0.05))).isCloseTo(1.959963984540054, within(1e-7));
        assertThat(NormalQuantiles.twoSidedDeviate(Math.log(0.5))).isCloseTo(0.6744897501960817, within(1e-7));
        assertThat(NormalQuantiles.twoSidedDeviate(0)).isZero();
        assertThat(NormalQuantiles.twoSidedDeviate(-1e6)).isFinite().isCloseTo(Math.sqrt(2e6), within(10.0));
    }

    @Test
    void shouldReadAStatisticByItsRarityAmongTheReferenceWithAnExponentialTail() {
        // Given a reference of |z| for 10,000 standard normal z: the statistic of a z-score
        var random = new Random(2);
        double[] reference = new double[10_000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = Math.abs(random.nextGaussian());
        }
        var calibration = new TailCalibration(reference.length).fit(reference, reference.length);

        // Then inside the reference a statistic reads as itself, beyond it the exponential tail keeps growing
        assertThat(calibration.deviation(0.6745)).isCloseTo(0.6745, within(0.03));
        assertThat(calibration.deviation(1.5)).isCloseTo(1.5, within(0.05));
        assertThat(calibration.deviation(3.0)).isBetween(2.6, 3.3);
        assertThat(calibration.deviation(10)).isBetween(5.0, 10.0);
        assertThat(calibration.deviation(20)).isGreaterThan(calibration.deviation(10));
        assertThat(calibration.deviation(-1)).isZero();
        assertThat(calibration.median()).isCloseTo(0.6745, within(0.03));
    }

    @Test
    void shouldComputeLocalOutlierFactorsAsTheDefinitionSays() {
        // Given 120 points in 2 dimensions, a quarter of them duplicates, and a query
        var random = new Random(3);
        int m = 120;
        double[] points = new double[m * 2];
        for (int i = 0; i < m; i++) {
            boolean duplicate = i % 4 == 0 && i > 0;
            points[2 * i] = duplicate ? points[2 * (i - 1)] : Math.round(random.nextGaussian() * 8) / 8.0;
            points[2 * i + 1] = duplicate ? points[2 * (i - 1) + 1] : random.nextGaussian();
        }
        double[] query = {2.5, -0.5};
        var kernel = new LocalOutlierFactors(10, 128, 2, 0.01);

        double lof = kernel.compute(points, m, query);

        // Then every factor is the naive one (ties included in the neighbourhoods)
        var naive = new NaiveLof(points, m, 10, 0.01);
        for (int i = 0; i < m; i++) {
            assertThat(kernel.factor(i)).as("point %d", i).isCloseTo(naive.factor(i), within(1e-9));
        }
        assertThat(lof).isCloseTo(naive.queryFactor(query), within(1e-9));
        assertThat(lof).isGreaterThan(1.5);
        assertThat(LocalOutlierFactors.forThread(10, 128, 2, 0.01))
                .isSameAs(LocalOutlierFactors.forThread(10, 128, 2, 0.01));
    }

    @Test
    void shouldFormatValuesWithSixSignificantDigitsAndNoExponentInTheUsualRange() {
        assertThat(Format.value(16778.0)).isEqualTo("16778");
        assertThat(Format.value(45.031234567)).isEqualTo("45.0312");
        assertThat(Format.value(0.000123456789)).isEqualTo("0.000123457");
        assertThat(Format.value(1.2e-9)).isEqualTo("1.2E-9");
        assertThat(Format.value(0.0)).isEqualTo("0");
        assertThat(Format.value(-2.5)).isEqualTo("-2.5");
        assertThat(Format.score(4.5)).isEqualTo("4.50");
    }

    /** The LOF definition written out plainly, O(m²) per point. */
    private record NaiveLof(double[] points, int m, int k, double minReach) {

        double distance(double[] a, int i, int j) {
            return Math.hypot(a[2 * i] - points[2 * j], a[2 * i + 1] - points[2 * j + 1]);
        }

        double kDistance(double[] a, int i, int self) {
            double[] d = new double[m];
            int n = 0;
            for (int j = 0; j < m; j++) {
                if (j != self) {
                    d[n++] = distance(a, i, j);
                }
            }
            Arrays.sort(d, 0, n);
            return d[k - 1];
        }

        double density(double[] a, int i, int self) {
            double kd = kDistance(a, i, self);
            double sum = 0;
            int n = 0;
            for (int j = 0; j < m; j++) {
                double d = distance(a, i, j);
                if (j != self && d <= kd) {
                    sum += Math.max(kDistance(points, j, j), d);
                    n++;
                }
            }
            return 1 / Math.max(minReach, sum / n);
        }

        double factor(double[] a, int i, int self) {
            double kd = kDistance(a, i, self);
            double sum = 0;
            int n = 0;
            for (int j = 0; j < m; j++) {
                if (j != self && distance(a, i, j) <= kd) {
                    sum += density(points, j, j);
                    n++;
                }
            }
            return sum / n / density(a, i, self);
        }

        double factor(int i) {
            return factor(points, i, i);
        }

        double queryFactor(double[] query) {
            return factor(query, 0, -1);
        }
    }
}
