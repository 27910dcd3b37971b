package io.aihub.topology.explain;

import io.aihub.topology.models.ShapValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The SHAP explanation of one prediction, in the documented views: features ranked by importance (|SHAP|), a
 * waterfall from the base value to the prediction, and force-plot entries.
 *
 * @param attributions one per feature, ranked: importance descending, ties in the model's feature order; rank 1 first
 * @param baseValue the model's expected prediction over its training rows
 * @param prediction the explained prediction; {@code baseValue + totalContribution() == prediction} up to rounding
 * @param samplesUsed the training rows behind the base value (the trees' cover)
 */
public record LocalExplanation(List<Attribution> attributions, double baseValue, double prediction, int samplesUsed) {

    /** How many features the summary names. */
    public static final int TOP = 3;

    public LocalExplanation {
        attributions = List.copyOf(attributions);
    }

    /**
     * One feature's part in the prediction.
     *
     * @param featureName the feature
     * @param value the feature's value in the explained row
     * @param contribution its SHAP value, in the prediction's units (signed)
     * @param rank 1 for the largest |contribution|
     */
    public record Attribution(String featureName, double value, double contribution, int rank) {

        /** {@code |contribution|}. */
        public double importance() {
            return Math.abs(contribution);
        }
    }

    /**
     * One bar of the waterfall.
     *
     * @param cumulativeValue the base value plus the contributions of this feature and every higher-ranked one
     */
    public record Step(String featureName, double contribution, double cumulativeValue) {}

    /** Ranks the SHAP values of a row. */
    public static LocalExplanation of(List<String> featureNames, double[] row, ShapValues shap) {
        double[] contributions = shap.contributions();
        if (featureNames.size() != row.length || row.length != contributions.length) {
            throw new IllegalArgumentException("features " + featureNames.size() + ", values " + row.length
                    + " and SHAP values " + contributions.length + " differ in number");
        }
        var order = new ArrayList<Integer>(row.length);
        for (int i = 0; i < row.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i])));
        var ranked = new ArrayList<Attribution>(row.length);
        for (int r = 0; r < order.size(); r++) {
            int i = order.get(r);
            ranked.add(new Attribution(featureNames.get(i), row[i], contributions[i], r + 1));
        }
        return new LocalExplanation(ranked, shap.baseValue(), shap.prediction(), shap.samplesUsed());
    }

    /** The waterfall in rank order, starting from the base value; the last cumulative value is the prediction. */
    public List<Step> waterfall() {
        var steps = new ArrayList<Step>(attributions.size());
        double cumulative = baseValue;
        for (Attribution a : attributions) {
            cumulative += a.contribution();
            steps.add(new Step(a.featureName(), a.contribution(), cumulative));
        }
        return steps;
    }

    /** The sum of the contributions: {@code prediction - baseValue} up to rounding. */
    public double totalContribution() {
        double total = 0;
        for (Attribution a : attributions) {
            total += a.contribution();
        }
        return total;
    }

    /** The names of the (at most) {@value #TOP} most important features, in rank order. */
    public List<String> topFeatures() {
        return attributions.stream().limit(TOP).map(Attribution::featureName).toList();
    }

    /**
     * One sentence: {@code The prediction of 48.50 (base value 45.00) is driven primarily by hour_of_day (+2.50),
     * then temperature (-1.80), day_of_week (+0.90)}.
     */
    public String sentence() {
        var text = new StringBuilder(
                String.format(Locale.ROOT, "The prediction of %.2f (base value %.2f)", prediction, baseValue));
        if (attributions.isEmpty()) {
            return text.append(" has no features to attribute it to").toString();
        }
        text.append(" is driven primarily by ").append(part(attributions.getFirst()));
        for (int i = 1; i < Math.min(TOP, attributions.size()); i++) {
            text.append(i == 1 ? ", then " : ", ").append(part(attributions.get(i)));
        }
        return text.toString();
    }

    private static String part(Attribution a) {
        return String.format(Locale.ROOT, "%s (%+.2f)", a.featureName(), a.contribution());
    }
}
