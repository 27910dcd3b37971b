package io.aihub.topology.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aihub.topology.models.ArtifactCheck;
import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.models.ShapValues;
import io.aihub.topology.models.TrainedModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SHAP of a trained gradient_boost_quantiles model: local accuracy, base value, direction, global importances. */
class ExplainerTest {

    private static final List<String> FEATURES = List.of("temperature", "hour_of_day", "noise");

    private static double[][] training;
    private static QuantileForecastModel model;

    /** y = 3 temperature - 1 hour_of_day + 5 + N(0, 1); noise is unrelated to y. */
    @BeforeAll
    static void train() {
        var random = new Random(5);
        training = new double[600][3];
        double[] y = new double[training.length];
        for (int i = 0; i < training.length; i++) {
            training[i][0] = 10 * random.nextDouble();
            training[i][1] = 10 * random.nextDouble();
            training[i][2] = 10 * random.nextDouble();
            y[i] = 3 * training[i][0] - training[i][1] + 5 + random.nextGaussian();
        }
        model = QuantileForecastModel.train(FEATURES, training, y, 100, 7);
    }

    @Test
    void shouldAddUpToTheMedianPredictionForEveryRow() {
        // Given rows the model never saw
        var random = new Random(9);
        double base = Double.NaN;
        for (int i = 0; i < 200; i++) {
            double[] row = {12 * random.nextDouble() - 1, 12 * random.nextDouble() - 1, 10 * random.nextDouble()};

            // When each is explained
            ShapValues shap = Explainer.shap(model, row);

            // Then base value + sum of SHAP values = the p50 prediction, to 1e-9 relative
            double sum = shap.baseValue();
            for (double c : shap.contributions()) {
                sum += c;
            }
            assertThat(sum)
                    .as("row %s", i)
                    .isCloseTo(shap.prediction(), within(1e-9 * Math.max(1, Math.abs(shap.prediction()))));
            // And the base value is one number for the model, whatever the row
            if (i == 0) {
                base = shap.baseValue();
            }
            assertThat(shap.baseValue()).isEqualTo(base);
            // And the prediction explained is the p50 model's (the sorted middle quantile, when none cross)
            var q = model.predict(row);
            assertThat(shap.prediction()).isBetween(q.p10(), q.p90());
        }
    }

    @Test
    void shouldUseTheExpectedTrainingPredictionAsBaseValue() {
        // The base value is E[f(X)] over the training rows as the trees' covers weigh them (each tree saw 70 %)
        double mean = 0;
        for (double[] row : training) {
            mean += Explainer.shap(model, row).prediction();
        }
        mean /= training.length;

        ShapValues shap = Explainer.shap(model, training[0]);

        // y ranges over about -5..35: the base value is the mean prediction within a small fraction of that
        assertThat(shap.baseValue()).isCloseTo(mean, within(0.5));
        assertThat(shap.samplesUsed()).isEqualTo(420); // 70 % of 600 rows per tree
    }

    @Test
    void shouldAttributeInTheDirectionOfTheKnownRelation() {
        // temperature raises y (3 per unit), hour_of_day lowers it (1 per unit), noise does nothing
        ShapValues hot = Explainer.shap(model, new double[] {9.5, 5, 5});
        ShapValues cold = Explainer.shap(model, new double[] {0.5, 5, 5});
        ShapValues late = Explainer.shap(model, new double[] {5, 9.5, 5});

        assertThat(hot.contributions()[0]).isGreaterThan(8);
        assertThat(cold.contributions()[0]).isLessThan(-8);
        assertThat(late.contributions()[1]).isLessThan(-1);
        assertThat(Math.abs(hot.contributions()[2])).isLessThan(1);
    }

    @Test
    void shouldRankTheLocalExplanationByImportance() {
        LocalExplanation explanation = Explainer.explain(model, new double[] {9.5, 5, 5});

        assertThat(explanation.attributions())
                .extracting(LocalExplanation.Attribution::featureName)
                .first()
                .isEqualTo("temperature");
        assertThat(explanation.attributions())
                .extracting(LocalExplanation.Attribution::rank)
                .containsExactly(1, 2, 3);
        assertThat(explanation.attributions().getFirst().value()).isEqualTo(9.5);
        assertThat(explanation.waterfall().getLast().cumulativeValue())
                .isCloseTo(explanation.prediction(), within(1e-9 * Math.abs(explanation.prediction())));
    }

    @Test
    void shouldAverageGlobalImportancesOverTheKeptTrainingRows() {
        // Given the model read back from its artifact
        var read = (QuantileForecastModel)
                ModelArtifacts.read(ModelArtifacts.write(model), ArtifactCheck.sizeOnly(10 << 20));

        // When it is explained globally over 100 rows
        GlobalExplanation global = Explainer.global(read, 100);

        // Then 100 of the kept training rows (rows 0, 6, 12, ... of 600), averaged
        assertThat(global.samplesAnalyzed()).isEqualTo(100);
        double[] sumAbs = new double[3];
        double[] sum = new double[3];
        for (int i = 0; i < 100; i++) {
            double[] phi = Explainer.shap(model, training[6 * i]).contributions();
            for (int j = 0; j < 3; j++) {
                sumAbs[j] += Math.abs(phi[j]);
                sum[j] += phi[j];
            }
        }
        assertThat(global.importances())
                .extracting(GlobalExplanation.Importance::featureName)
                .containsExactly("temperature", "hour_of_day", "noise");
        assertThat(global.importances())
                .extracting(GlobalExplanation.Importance::rank)
                .containsExactly(1, 2, 3);
        var first = global.importances().getFirst();
        assertThat(first.meanAbsShap()).isCloseTo(sumAbs[0] / 100, within(1e-12));
        assertThat(first.meanShap()).isCloseTo(sum[0] / 100, within(1e-12));
        assertThat(global.importances().get(1).meanAbsShap()).isCloseTo(sumAbs[1] / 100, within(1e-12));
        // And at most the kept rows are analysed
        assertThat(Explainer.global(read, 1000).samplesAnalyzed()).isEqualTo(600);
    }

    @Test
    void shouldRefuseModelKindsWithoutShap() {
        double[][] rows = new double[50][2];
        var random = new Random(1);
        for (double[] row : rows) {
            row[0] = random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        TrainedModel forest = IsolationForestModel.train(List.of("a", "b"), rows, 10, 1);
        long[] times = new long[2 * 168];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = i * 3_600_000L;
            values[i] = i % 24;
        }
        TrainedModel profile = SeasonalProfileModel.train(times, values);

        assertThatThrownBy(() -> Explainer.explain(forest, new double[] {0, 0}))
                .isInstanceOf(ExplanationUnsupportedException.class)
                .hasMessage("model kind isolation_forest has no SHAP explanation: smile's IsolationForest does not"
                        + " implement TreeSHAP");
        assertThatThrownBy(() -> Explainer.global(profile, 10))
                .isInstanceOf(ExplanationUnsupportedException.class)
                .hasMessageContaining("model kind seasonal_profile has no SHAP explanation");
    }
}
