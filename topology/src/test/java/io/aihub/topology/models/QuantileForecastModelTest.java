package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantileForecastModelTest {

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
}
