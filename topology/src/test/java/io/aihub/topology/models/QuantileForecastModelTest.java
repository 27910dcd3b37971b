package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantileForecastModelTest {

    /** The bytes of an artifact's header for this kind: magic, format version, kind, payload version, length. */
    private static final int HEADER = 4 + 4 + 1 + QuantileForecastModel.KIND.length() + 4 + 8;

    /** The bytes of an empty linear part at the end of a v4 payload: lead count 0, coefficient count 0. */
    private static final int EMPTY_LINEAR = 8;

    private static final double[][] PROBES = {{1, 1}, {2, 8}, {5, 5}, {8, 2}, {9, 9}, {3.3, 6.7}};

    @Test
    void shouldRoundTripWithIdenticalPredictionsKindAndFeatureNames() {
        QuantileForecastModel model = Synthetic.quantiles();

        TrainedModel read = ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(10 << 20));

        assertThat(read).isInstanceOf(QuantileForecastModel.class);
        var copy = (QuantileForecastModel) read;
        assertThat(copy.kind()).isEqualTo("gradient_boost_quantiles");
        assertThat(copy.featureNames()).isEqualTo(Synthetic.FORECAST_FEATURES);
        assertThat(copy.trees()).isEqualTo(100);
        for (double[] row : PROBES) {
            assertThat(copy.predict(row)).isEqualTo(model.predict(row));
        }
    }

    @Test
    void shouldOrderTheQuantilesAndTrackTheKnownLinearRelation() {
        QuantileForecastModel model = Synthetic.quantiles();
        double[][] fresh = Synthetic.forecastRows(11, 300);
        double[] y = Synthetic.targets(fresh, 12);

        int covered = 0;
        double absError = 0;
        for (int i = 0; i < fresh.length; i++) {
            Quantiles q = model.predict(fresh[i]);
            assertThat(q.p10()).isLessThanOrEqualTo(q.p50());
            assertThat(q.p50()).isLessThanOrEqualTo(q.p90());
            absError += Math.abs(q.p50() - Synthetic.truth(fresh[i]));
            if (y[i] >= q.p10() && y[i] <= q.p90()) {
                covered++;
            }
        }

        // y spans about -15..35; the noise has sd 1
        assertThat(absError / fresh.length).isLessThan(2.0);
        assertThat(model.predict(new double[] {5, 5}).p50())
                .isCloseTo(Synthetic.truth(new double[] {5, 5}), within(3.0));
        assertThat(covered / (double) fresh.length).isBetween(0.5, 0.98);
    }

    @Test
    void shouldTrainTheSameModelForTheSameSeed() {
        double[][] x = Synthetic.forecastRows(2, 200);
        double[] y = Synthetic.targets(x, 3);

        QuantileForecastModel first = QuantileForecastModel.train(Synthetic.FORECAST_FEATURES, x, y, 30, 7);
        QuantileForecastModel second = QuantileForecastModel.train(Synthetic.FORECAST_FEATURES, x, y, 30, 7);

        for (double[] row : PROBES) {
            assertThat(second.predict(row)).isEqualTo(first.predict(row));
        }
        assertThat(ModelArtifacts.write(second)).isEqualTo(ModelArtifacts.write(first));
    }

    @Test
    void shouldSortCrossingQuantilesAndRefuseUnorderedOnes() {
        assertThat(Quantiles.sorted(3, 1, 2)).isEqualTo(new Quantiles(1, 2, 3));
        assertThatThrownBy(() -> new Quantiles(2, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p10 <= p50 <= p90");
    }

    @Test
    void shouldRefuseAFeatureNamedLikeTheTarget() {
        double[][] x = Synthetic.forecastRows(2, 20);

        assertThatThrownBy(() -> QuantileForecastModel.train(
                        List.of("a", QuantileForecastModel.TARGET), x, new double[20], 5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no feature may be called __target");
    }

    @Test
    void shouldKeepEvenlySpacedTrainingRowsInAVersion2Payload() {
        // Given 2500 training rows, more than the 1000 an artifact keeps
        double[][] x = Synthetic.forecastRows(21, 2500);
        QuantileForecastModel model =
                QuantileForecastModel.train(Synthetic.FORECAST_FEATURES, x, Synthetic.targets(x, 22), 5, 7);

        // When it is written and read back
        byte[] artifact = ModelArtifacts.write(model);
        var read = (QuantileForecastModel) ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(10 << 20));

        // Then the artifact is payload version 4 and keeps rows 0, 2.5, 5, ... (floor(i * 2500 / 1000)) exactly
        assertThat(ModelArtifacts.readHeader(artifact, ArtifactCheck.sizeOnly(10 << 20))
                        .payloadVersion())
                .isEqualTo(4);
        double[][] kept = read.referenceRows();
        assertThat(kept).hasNumberOfRows(QuantileForecastModel.MAX_REFERENCE_ROWS);
        assertThat(kept[0]).isEqualTo(x[0]);
        assertThat(kept[1]).isEqualTo(x[2]);
        assertThat(kept[2]).isEqualTo(x[5]);
        assertThat(kept[999]).isEqualTo(x[2497]);
        assertThat(read.referenceRows(4)).isDeepEqualTo(new double[][] {kept[0], kept[250], kept[500], kept[750]});
        assertThat(model.referenceRows()).isDeepEqualTo(kept);
    }

    @Test
    void shouldReadAVersion1PayloadWithoutReferenceRows() {
        // Given the v1 encoding: the v4 payload without its trailing reference rows, (empty) calibration and linear
        // part
        QuantileForecastModel model = Synthetic.quantiles();
        byte[] v4 = ModelArtifacts.write(model);
        int rows = model.referenceRows().length;
        byte[] v1Payload = Arrays.copyOfRange(v4, HEADER, v4.length - EMPTY_LINEAR - 4 - rows * 2 * 8 - 4);

        // When it is read
        var read = (QuantileForecastModel) ModelArtifacts.read(
                Crafted.artifact(1, QuantileForecastModel.KIND, 1, v1Payload), ArtifactCheck.sizeOnly(10 << 20));

        // Then the model predicts as before and keeps no rows
        assertThat(rows).isEqualTo(500);
        assertThat(read.referenceRows()).isEmpty();
        for (double[] row : PROBES) {
            assertThat(read.predict(row)).isEqualTo(model.predict(row));
        }
    }

    @Test
    void shouldReadAVersion2PayloadWithoutCalibration() {
        // Given the v2 encoding: the v4 payload without its trailing (empty) calibration and linear part
        QuantileForecastModel model = Synthetic.quantiles();
        byte[] v4 = ModelArtifacts.write(model);
        byte[] v2Payload = Arrays.copyOfRange(v4, HEADER, v4.length - EMPTY_LINEAR - 4);

        // When it is read
        var read = (QuantileForecastModel) ModelArtifacts.read(
                Crafted.artifact(1, QuantileForecastModel.KIND, 2, v2Payload), ArtifactCheck.sizeOnly(10 << 20));

        // Then it keeps its rows and has no calibration
        assertThat(read.referenceRows()).isDeepEqualTo(model.referenceRows());
        assertThat(read.calibration()).isEqualTo(LeadCalibration.NONE);
    }

    @Test
    void shouldKeepTheLeadCalibrationInTheArtifact() {
        // Given a model reading a lead, calibrated per band
        double[][] x = Synthetic.forecastRows(31, 200);
        QuantileForecastModel model = QuantileForecastModel.train(
                        List.of(QuantileForecastModel.LEAD_FEATURE, "hour_of_day"), x, Synthetic.targets(x, 32), 5, 7)
                .withCalibration(new LeadCalibration(List.of(6.0, 24.0, 168.0), List.of(0.5, -0.25, 2.0)));

        // When it is written and read back
        var read = (QuantileForecastModel)
                ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(10 << 20));

        // Then the offsets by lead are the same
        assertThat(read.calibration()).isEqualTo(model.calibration());
        assertThat(read.calibration().offset(1)).isEqualTo(0.5);
        assertThat(read.calibration().offset(6)).isEqualTo(0.5);
        assertThat(read.calibration().offset(7)).isEqualTo(-0.25);
        assertThat(read.calibration().offset(500)).isEqualTo(2.0);
    }

    @Test
    void shouldRefuseACalibrationThatIsNotByLead() {
        assertThatThrownBy(
                        () -> Synthetic.quantiles().withCalibration(new LeadCalibration(List.of(24.0), List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(QuantileForecastModel.LEAD_FEATURE);
        assertThatThrownBy(() -> new LeadCalibration(List.of(24.0, 6.0), List.of(1.0, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing");
    }

    @Test
    void shouldRefuseACorruptCalibration() {
        // Given a v3 payload whose single band ends at -1 h
        QuantileForecastModel model = Synthetic.quantiles();
        byte[] v4 = ModelArtifacts.write(model);
        byte[] payload = Arrays.copyOfRange(v4, HEADER, v4.length - EMPTY_LINEAR + 16);
        java.nio.ByteBuffer.wrap(payload, payload.length - 20, 20)
                .putInt(1)
                .putDouble(-1)
                .putDouble(0);

        // When it is read, then it is refused as corrupt
        assertThatThrownBy(() -> ModelArtifacts.read(
                        Crafted.artifact(1, QuantileForecastModel.KIND, 3, payload), ArtifactCheck.sizeOnly(10 << 20)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("calibration");
    }

    @Test
    void shouldReadAVersion3PayloadWithoutLinearPart() {
        // Given the v3 encoding: the v4 payload without its trailing (empty) linear part
        QuantileForecastModel model = Synthetic.quantiles().withLinear(LinearLeadModel.NONE);
        byte[] v4 = ModelArtifacts.write(model);
        byte[] v3Payload = Arrays.copyOfRange(v4, HEADER, v4.length - EMPTY_LINEAR);

        // When it is read
        var read = (QuantileForecastModel) ModelArtifacts.read(
                Crafted.artifact(1, QuantileForecastModel.KIND, 3, v3Payload), ArtifactCheck.sizeOnly(10 << 20));

        // Then it predicts as before and has no linear part
        assertThat(read.linear().isEmpty()).isTrue();
        for (double[] row : PROBES) {
            assertThat(read.predict(row)).isEqualTo(model.predict(row));
        }
    }

    @Test
    void shouldKeepTheLinearPartInTheArtifactAndInterpolateBetweenLeads() {
        // Given a model with a linear part over a 2-hour window: lead 1 = 1 + x1, lead 2 = 2 * x2
        var linear = new LinearLeadModel(new double[][] {{1, 1, 0}, {0, 0, 2}});
        QuantileForecastModel model = Synthetic.quantiles().withLinear(linear);

        // When it is written and read back
        var read = (QuantileForecastModel)
                ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(10 << 20));

        // Then the linear part is the same, and forecasts whole leads, interpolates between them, towards 0 under an
        // hour, and covers no lead beyond its last
        assertThat(read.linear()).isEqualTo(linear);
        assertThat(read.linear().window()).isEqualTo(2);
        double[] inputs = {1, 3, 5};
        assertThat(read.linear().predict(inputs, 1)).isEqualTo(4);
        assertThat(read.linear().predict(inputs, 2)).isEqualTo(10);
        assertThat(read.linear().predict(inputs, 1.5)).isEqualTo(7);
        assertThat(read.linear().predict(inputs, 0.25)).isEqualTo(1);
        assertThat(read.linear().predict(inputs, 0)).isZero();
        assertThat(read.linear().predict(inputs, 2.5)).isNaN();
        assertThat(LinearLeadModel.NONE.predict(inputs, 1)).isNaN();
    }

    @Test
    void shouldRefuseACorruptLinearPart() {
        // Given a v4 payload whose linear part claims 2 leads of 0 coefficients
        byte[] v4 = ModelArtifacts.write(Synthetic.quantiles());
        byte[] payload = Arrays.copyOfRange(v4, HEADER, v4.length);
        java.nio.ByteBuffer.wrap(payload, payload.length - EMPTY_LINEAR, EMPTY_LINEAR)
                .putInt(2)
                .putInt(0);

        // When it is read, then it is refused as corrupt
        assertThatThrownBy(() -> ModelArtifacts.read(
                        Crafted.artifact(1, QuantileForecastModel.KIND, 4, payload), ArtifactCheck.sizeOnly(10 << 20)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("linear");
        assertThatThrownBy(() -> new LinearLeadModel(new double[][] {{1, 2}, {1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coefficients");
    }
}
