package io.aihub.topology.explain;

import io.aihub.topology.models.ShapValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Global feature importances: the mean |SHAP| and mean SHAP of each feature over a sample of rows.
 *
 * @param importances one per feature, ranked: mean |SHAP| descending, ties in the model's feature order
 * @param samplesAnalyzed the rows averaged over
 */
public record GlobalExplanation(List<Importance> importances, int samplesAnalyzed) {

    public GlobalExplanation {
        importances = List.copyOf(importances);
    }

    /**
     * One feature's global importance.
     *
     * @param meanAbsShap the mean of |SHAP| over the rows: how much the feature moves predictions
     * @param meanShap the mean signed SHAP: the average direction it moves them in
     * @param rank 1 for the largest mean |SHAP|
     */
    public record Importance(String featureName, double meanAbsShap, double meanShap, int rank) {}

    /**
     * Averages the SHAP values of the rows.
     *
     * @param rows at least one row, each in the order of {@code featureNames}
     * @param shap the SHAP values of a row
     */
    public static GlobalExplanation of(
            List<String> featureNames, double[][] rows, Function<double[], ShapValues> shap) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to average over");
        }
        int n = featureNames.size();
        double[] sumAbs = new double[n];
        double[] sum = new double[n];
        for (double[] row : rows) {
            double[] phi = shap.apply(row).contributions();
            for (int j = 0; j < n; j++) {
                sumAbs[j] += Math.abs(phi[j]);
                sum[j] += phi[j];
            }
        }
        var order = new ArrayList<Integer>(n);
        for (int j = 0; j < n; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble((Integer j) -> -sumAbs[j]));
        var ranked = new ArrayList<Importance>(n);
        for (int r = 0; r < n; r++) {
            int j = order.get(r);
            ranked.add(new Importance(featureNames.get(j), sumAbs[j] / rows.length, sum[j] / rows.length, r + 1));
        }
        return new GlobalExplanation(ranked, rows.length);
    }
}
