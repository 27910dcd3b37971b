package io.aihub.topology.models;

/**
 * The SHAP values of one prediction: {@code baseValue + sum(contributions) == prediction} (local accuracy, up to
 * floating-point rounding).
 *
 * @param baseValue the model's expected prediction over its training rows (what the prediction would be knowing no
 *     feature)
 * @param contributions one SHAP value per feature, in the model's feature order (shared array: do not modify)
 * @param prediction the model's prediction for the row
 * @param samplesUsed the training rows behind the base value and the path-dependent expectations (the trees' cover)
 */
public record ShapValues(double baseValue, double[] contributions, double prediction, int samplesUsed) {}
