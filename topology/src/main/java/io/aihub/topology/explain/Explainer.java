package io.aihub.topology.explain;

import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.models.ShapValues;
import io.aihub.topology.models.TrainedModel;

/**
 * SHAP explanations of the product's models. Only tree models whose smile class implements exact tree SHAP are
 * explained: {@code gradient_boost_quantiles}, through its p50 (median) model. An isolation forest (smile's {@code
 * IsolationForest} has no TreeSHAP) and a seasonal profile (a table lookup by hour of week, no trees) are refused.
 */
public final class Explainer {

    private Explainer() {}

    /**
     * The SHAP values of the model's prediction for one row.
     *
     * @param row one value per feature, in {@link TrainedModel#featureNames()} order
     * @throws ExplanationUnsupportedException if the model's kind has no SHAP explanation
     */
    public static ShapValues shap(TrainedModel model, double[] row) {
        return switch (model) {
            case QuantileForecastModel quantiles -> quantiles.explainMedian(row);
            case IsolationForestModel forest -> throw noShap(forest);
            case SeasonalProfileModel profile -> throw noShap(profile);
        };
    }

    /**
     * The local explanation of one row.
     *
     * @throws ExplanationUnsupportedException if the model's kind has no SHAP explanation
     */
    public static LocalExplanation explain(TrainedModel model, double[] row) {
        return LocalExplanation.of(model.featureNames(), row, shap(model, row));
    }

    /**
     * Mean |SHAP| and mean SHAP per feature over up to {@code sampleSize} of the rows the model keeps for this
     * purpose (the training rows kept in its artifact), evenly spaced over them.
     *
     * @throws ExplanationUnsupportedException if the kind has no SHAP explanation, or the model keeps no rows
     */
    public static GlobalExplanation global(TrainedModel model, int sampleSize) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sampleSize must be >= 1, was " + sampleSize);
        }
        double[][] rows = switch (model) {
            case QuantileForecastModel quantiles -> quantiles.referenceRows(sampleSize);
            case IsolationForestModel forest -> throw noShap(forest);
            case SeasonalProfileModel profile -> throw noShap(profile);
        };
        if (rows.length == 0) {
            throw new ExplanationUnsupportedException("model keeps no reference rows to explain globally: it was"
                    + " written before artifacts kept training rows (gradient_boost_quantiles payload v1); train"
                    + " and register it again");
        }
        return GlobalExplanation.of(model.featureNames(), rows, row -> shap(model, row));
    }

    private static ExplanationUnsupportedException noShap(TrainedModel model) {
        String reason = model instanceof IsolationForestModel
                ? "smile's IsolationForest does not implement TreeSHAP"
                : "it is an hour-of-week lookup table, not a tree model";
        return new ExplanationUnsupportedException(
                "model kind " + model.kind() + " has no SHAP explanation: " + reason);
    }
}
