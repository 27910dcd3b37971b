package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationForestModelTest {

    private static final double[][] PROBES = {
        {0, 0, 0}, {0.5, -0.3, 0.2}, {-1, 1, 0.5}, {1.5, 1.5, -1.5}, {3, 0, 0}, {8, 8, 8}, {-6, 0, 6}
    };

    @Test
    void shouldRoundTripWithIdenticalScoresKindAndFeatureNames() {
        IsolationForestModel model = Synthetic.forest();

        TrainedModel read = ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(10 << 20));

        assertThat(read).isInstanceOf(IsolationForestModel.class);
        var copy = (IsolationForestModel) read;
        assertThat(copy.kind()).isEqualTo("isolation_forest");
        assertThat(copy.featureNames()).isEqualTo(Synthetic.ANOMALY_FEATURES);
        assertThat(copy.trees()).isEqualTo(50);
        assertThat(copy.trainingScores()).isEqualTo(model.trainingScores());
        for (double[] row : PROBES) {
            assertThat(copy.score(row)).isEqualTo(model.score(row));
            assertThat(copy.robustZ(row)).isEqualTo(model.robustZ(row));
        }
    }

    @Test
    void shouldRoundTripAnExtendedForestWithIdenticalScores() {
        double[][] rows = Synthetic.gaussianRows(3, 400);
        IsolationForestModel model = IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 30, 7, 2);

        var copy = (IsolationForestModel)
                ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(10 << 20));

        for (double[] row : PROBES) {
            assertThat(copy.score(row)).isEqualTo(model.score(row));
        }
        assertThat(copy.trainingScores()).isEqualTo(model.trainingScores());
    }

    @Test
    void shouldRefuseAnExtensionLevelOutsideZeroToFeaturesMinusOne() {
        double[][] rows = Synthetic.gaussianRows(3, 50);
        assertThatThrownBy(() -> IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 10, 7, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extensionLevel must be between 0 and 2");
        assertThatThrownBy(() -> IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 10, 7, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveAnObviousOutlierAClearlyHigherRobustZThanInliers() {
        IsolationForestModel model = Synthetic.forest();
        double[][] inliers = Synthetic.gaussianRows(99, 20);

        double outlierZ = model.robustZ(new double[] {8, 8, 8});
        double maxInlierZ =
                Arrays.stream(inliers).mapToDouble(model::robustZ).max().orElseThrow();

        assertThat(model.trainingScores().count()).isEqualTo(600);
        assertThat(model.trainingScores().mad()).isPositive();
        assertThat(outlierZ).isGreaterThan(5).isGreaterThan(maxInlierZ + 3);
        assertThat(model.score(new double[] {8, 8, 8})).isGreaterThan(model.score(new double[] {0, 0, 0}));
    }

    @Test
    void shouldTrainTheSameModelForTheSameSeed() {
        // smile seeds per thread (MathEx.setSeed) and grows trees in a parallel stream; SeededTraining runs the
        // training on one seeded thread, so the same seed gives the same trees, scores and even artifact bytes.
        double[][] rows = Synthetic.gaussianRows(1, 600);

        IsolationForestModel first = IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 50, 42);
        IsolationForestModel second = IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 50, 42);
        IsolationForestModel otherSeed = IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 50, 43);

        for (double[] row : PROBES) {
            assertThat(second.score(row)).isEqualTo(first.score(row));
        }
        assertThat(ModelArtifacts.write(second)).isEqualTo(ModelArtifacts.write(first));
        assertThat(Arrays.stream(PROBES).mapToDouble(otherSeed::score).toArray())
                .isNotEqualTo(Arrays.stream(PROBES).mapToDouble(first::score).toArray());
    }

    @Test
    void shouldTrainOnFewerRowsThanTheSampleSize() {
        double[][] rows = Synthetic.gaussianRows(8, 40);

        IsolationForestModel model = IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 20, 1);

        assertThat(model.trainingScores().count()).isEqualTo(40);
        assertThat(model.score(new double[] {6, 6, 6})).isGreaterThan(model.score(new double[] {0, 0, 0}));
    }

    @Test
    void shouldRefuseInvalidTrainingInputAndRows() {
        double[][] rows = Synthetic.gaussianRows(1, 10);

        assertThatThrownBy(() -> IsolationForestModel.train(List.of("a", "a", "b"), rows, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' is repeated");
        assertThatThrownBy(() -> IsolationForestModel.train(List.of("a", "b"), rows, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 has 3 values, expected 2");
        rows[4][1] = Double.NaN;
        assertThatThrownBy(() -> IsolationForestModel.train(Synthetic.ANOMALY_FEATURES, rows, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 4 holds a non-finite value");
        assertThatThrownBy(() -> Synthetic.forest().score(new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row has 2 values, expected 3");
    }
}
