package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SeasonalProfileModelTest {

    @Test
    void shouldNumberHoursOfTheWeekFromMondayMidnightUtc() {
        assertThat(SeasonalProfileModel.hourOfWeek(Instant.parse("2024-01-01T00:00:00Z")))
                .isZero();
        assertThat(SeasonalProfileModel.hourOfWeek(Instant.parse("2024-01-01T00:59:59Z")))
                .isZero();
        assertThat(SeasonalProfileModel.hourOfWeek(Instant.parse("2024-01-02T01:00:00Z")))
                .isEqualTo(25);
        assertThat(SeasonalProfileModel.hourOfWeek(Instant.parse("2024-01-07T23:30:00Z")))
                .isEqualTo(167);
        assertThat(SeasonalProfileModel.hourOfWeek(Instant.parse("1970-01-01T00:00:00Z")))
                .isEqualTo(72);
        assertThat(SeasonalProfileModel.hourOfWeek(Instant.parse("1969-12-29T00:00:00Z")))
                .isZero();
    }

    @Test
    void shouldExpectTheMedianOfEachHourAndScoreDeviationsAsRobustZ() {
        SeasonalProfileModel model = Synthetic.profile(0);

        for (int h = 0; h < SeasonalProfileModel.HOURS_PER_WEEK; h++) {
            assertThat(model.count(h)).isEqualTo(4);
            assertThat(model.expected(h)).isCloseTo(Synthetic.expectedShape(h), within(2.0));
        }
        int tuesdayNoon = 24 + 12;
        assertThat(model.expected(tuesdayNoon)).isGreaterThan(model.expected(5 * 24 + 12) + 40);
        assertThat(model.robustZ(tuesdayNoon, model.expected(tuesdayNoon))).isZero();
        assertThat(model.robustZ(tuesdayNoon, model.expected(tuesdayNoon) + 30)).isGreaterThan(5);
    }

    @Test
    void shouldRoundTripWithoutJavaSerialisation() {
        SeasonalProfileModel model = Synthetic.profile(0);

        byte[] artifact = ModelArtifacts.write(model);
        TrainedModel read =
                ModelArtifacts.read(artifact, ArtifactCheck.of(1 << 20, ModelArtifacts.sha256Hex(artifact)));

        assertThat(read).isEqualTo(model);
        assertThat(read.kind()).isEqualTo("seasonal_profile");
        assertThat(read.featureNames()).containsExactly("hour_of_week");
        // 0xACED is the Java serialisation stream magic
        assertThat(indexOf(artifact, new byte[] {(byte) 0xAC, (byte) 0xED})).isEqualTo(-1);
    }

    @Test
    void shouldGiveNaNForHoursWithoutTrainingValuesAndSurviveARoundTrip() {
        long monday9 = Instant.parse("2024-01-01T09:00:00Z").toEpochMilli();
        SeasonalProfileModel model = SeasonalProfileModel.train(new long[] {monday9, monday9}, new double[] {4, 6});

        assertThat(model.expected(9)).isEqualTo(5);
        assertThat(model.count(10)).isZero();
        assertThat(model.expected(10)).isNaN();
        assertThat(model.robustZ(10, 1)).isNaN();
        assertThat(ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(1 << 20)))
                .isEqualTo(model);
    }

    @Test
    void shouldGuardAZeroMadWithTheMeanAbsoluteDeviationThenAFloor() {
        RobustSummary mostlyEqual = RobustSummary.of(new double[] {5, 5, 5, 5, 9});
        RobustSummary constant = RobustSummary.of(new double[] {5, 5, 5});

        assertThat(mostlyEqual.mad()).isZero();
        assertThat(mostlyEqual.robustZ(9)).isCloseTo(4 / (RobustSummary.MEAN_AD_TO_SIGMA * 0.8), within(1e-9));
        assertThat(constant.robustZ(5)).isZero();
        assertThat(constant.robustZ(6)).isFinite().isGreaterThan(1e6);
    }

    @Test
    void shouldComputeMedianAndMadOfEvenAndOddCounts() {
        var values = new ArrayList<Double>();
        for (int i = 1; i <= 10; i++) {
            values.add((double) i);
        }
        Collections.shuffle(values);

        RobustSummary summary = RobustSummary.of(
                values.stream().mapToDouble(Double::doubleValue).toArray());

        assertThat(summary).isEqualTo(new RobustSummary(5.5, 2.5, 2.5, 10));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
