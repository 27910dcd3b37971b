package io.aihub.topology.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.aihub.topology.explain.LocalExplanation.Attribution;
import io.aihub.topology.explain.LocalExplanation.Step;
import io.aihub.topology.models.ShapValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented views of a set of SHAP values: ranking, waterfall, totals, summary; and global averaging. */
class LocalExplanationTest {

    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    /** Base 10, SHAP values 0.5, -2, 1, -1 (a tie of |1| between c and d), prediction 8.5. */
    private final LocalExplanation explanation = LocalExplanation.of(
            NAMES, new double[] {1, 2, 3, 4}, new ShapValues(10, new double[] {0.5, -2.0, 1.0, -1.0}, 8.5, 100));

    @Test
    void shouldRankByAbsoluteContributionWithTiesInFeatureOrder() {
        assertThat(explanation.attributions())
                .containsExactly(
                        new Attribution("b", 2, -2.0, 1),
                        new Attribution("c", 3, 1.0, 2),
                        new Attribution("d", 4, -1.0, 3),
                        new Attribution("a", 1, 0.5, 4));
        assertThat(explanation.attributions())
                .extracting(Attribution::importance)
                .containsExactly(2.0, 1.0, 1.0, 0.5);
        assertThat(explanation.topFeatures()).containsExactly("b", "c", "d");
        assertThat(explanation.totalContribution()).isEqualTo(-1.5);
        assertThat(explanation.samplesUsed()).isEqualTo(100);
    }

    @Test
    void shouldWalkTheWaterfallFromTheBaseValueToThePrediction() {
        assertThat(explanation.waterfall())
                .containsExactly(
                        new Step("b", -2.0, 8.0),
                        new Step("c", 1.0, 9.0),
                        new Step("d", -1.0, 8.0),
                        new Step("a", 0.5, 8.5));
        assertThat(explanation.sentence())
                .isEqualTo("The prediction of 8.50 (base value 10.00) is driven primarily by b (-2.00), then c (+1.00),"
                        + " d (-1.00)");
    }

    @Test
    void shouldAverageAbsoluteAndSignedShapPerFeature() {
        double[][] rows = {{1, 0}, {2, 0}, {3, 0}};

        // SHAP of a row (x, _): a gets x - 2 (mean 0, mean |.| 2/3), b gets 0.1 (mean and mean |.| 0.1)
        GlobalExplanation global = GlobalExplanation.of(
                List.of("a", "b"), rows, row -> new ShapValues(0, new double[] {row[0] - 2, 0.1}, 0, 3));

        assertThat(global.samplesAnalyzed()).isEqualTo(3);
        assertThat(global.importances())
                .extracting(GlobalExplanation.Importance::featureName, GlobalExplanation.Importance::rank)
                .containsExactly(tuple("a", 1), tuple("b", 2));
        assertThat(global.importances().get(0).meanAbsShap()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(global.importances().get(0).meanShap()).isCloseTo(0.0, within(1e-15));
        assertThat(global.importances().get(1).meanAbsShap()).isCloseTo(0.1, within(1e-15));
        assertThat(global.importances().get(1).meanShap()).isCloseTo(0.1, within(1e-15));
    }
}
