package io.aihub.topology.models;

import io.aihub.topology.models.internal.AllowList;
import io.aihub.topology.models.internal.BoostedTrees;
import io.aihub.topology.models.internal.FeatureNameRules;
import io.aihub.topology.models.internal.JavaPayloads;
import io.aihub.topology.models.internal.PayloadReader;
import io.aihub.topology.models.internal.PayloadWriter;
import io.aihub.topology.models.internal.SeededTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.DoubleVector;
import smile.model.cart.Loss;
import smile.regression.GradientTreeBoost;

/**
 * Kind {@code gradient_boost_quantiles}: three smile {@link GradientTreeBoost} regressions with the quantile loss
 * ({@code Loss.quantile(q)}) for q = 0.1, 0.5 and 0.9, trained on the same rows. {@link #predict} returns the three
 * predictions sorted, since separately fitted quantiles can cross.
 *
 * <p>Trees use smile's defaults: depth 20, at most 6 leaves, at least 5 rows per leaf, shrinkage 0.05, and each tree
 * sees 70 % of the rows (drawn with smile's generator, seeded); a {@link Shape} sets other leaf counts and shrinkage.
 *
 * <p>The model keeps up to {@value #MAX_REFERENCE_ROWS} of its training rows, evenly spaced over the training set
 * ({@link #referenceRows()}): the sample a global explanation averages SHAP values over. {@link #explainMedian}
 * attributes the p50 prediction of one row to its features (exact tree SHAP).
 */
public final class QuantileForecastModel implements TrainedModel {

    /** The kind id. */
    public static final String KIND = "gradient_boost_quantiles";
    /** The name of the training target column; no feature may be called so. */
    public static final String TARGET = "__target";

    /** smile's default number of leaves per tree. */
    public static final int DEFAULT_MAX_LEAVES = 6;
    /** smile's default shrinkage (learning rate). */
    public static final double DEFAULT_SHRINKAGE = 0.05;

    /** The feature a {@link LeadCalibration} is indexed by: the forecast's lead, hours. */
    public static final String LEAD_FEATURE = "lead_hours";

    /** The most training rows an artifact keeps as reference rows. */
    public static final int MAX_REFERENCE_ROWS = 1000;

    private static final double[] LEVELS = {0.1, 0.5, 0.9};
    private static final int DEFAULT_MAX_DEPTH = 20;
    private static final int DEFAULT_LEAF_SIZE = 5;
    private static final double DEFAULT_SUBSAMPLE = 0.7;

    private final List<String> featureNames;
    private final GradientTreeBoost p10;
    private final GradientTreeBoost p50;
    private final GradientTreeBoost p90;
    private final StructType schema;
    private final double[][] referenceRows;
    private final LeadCalibration calibration;
    private final LinearLeadModel linear;
    private volatile @Nullable BoostedTrees medianExplainer;

    private QuantileForecastModel(
            List<String> featureNames,
            GradientTreeBoost p10,
            GradientTreeBoost p50,
            GradientTreeBoost p90,
            double[][] referenceRows,
            LeadCalibration calibration,
            LinearLeadModel linear) {
        this.featureNames = featureNames;
        this.p10 = p10;
        this.p50 = p50;
        this.p90 = p90;
        this.schema = p50.schema();
        this.referenceRows = referenceRows;
        this.calibration = calibration;
        this.linear = linear;
    }

    /**
     * Trains the three quantile regressions; the same inputs and seed give the same model.
     *
     * @param featureNames the names of the row values, in order (not {@value #TARGET})
     * @param x the training rows (at least 10), each with one finite value per feature
     * @param y the target of each row, finite
     * @param trees the number of trees per quantile (&gt;= 1)
     * @param seed the seed of smile's random generator, used for each of the three trainings
     * @throws IllegalArgumentException if the inputs are invalid
     */
    public static QuantileForecastModel train(
            List<String> featureNames, double[][] x, double[] y, int trees, long seed) {
        return train(featureNames, x, y, new Shape(trees, DEFAULT_MAX_LEAVES, DEFAULT_SHRINKAGE), seed);
    }

    /**
     * Trains the three quantile regressions with trees of the given shape; the same inputs and seed give the same
     * model. Tree depth (20), rows per leaf (5) and the sampled share of rows per tree (70 %) stay smile's defaults.
     *
     * @param featureNames the names of the row values, in order (not {@value #TARGET})
     * @param x the training rows (at least 10), each with one finite value per feature
     * @param y the target of each row, finite
     * @param shape trees per quantile, leaves per tree and shrinkage
     * @param seed the seed of smile's random generator, used for each of the three trainings
     * @throws IllegalArgumentException if the inputs are invalid
     */
    public static QuantileForecastModel train(
            List<String> featureNames, double[][] x, double[] y, Shape shape, long seed) {
        List<String> names = FeatureNameRules.require(featureNames);
        if (names.contains(TARGET)) {
            throw new IllegalArgumentException("no feature may be called " + TARGET);
        }
        FeatureNameRules.requireRows(names, x, 10);
        if (y.length != x.length) {
            throw new IllegalArgumentException("y has " + y.length + " values for " + x.length + " rows");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
            }
        }
        double[][] rows = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        DataFrame data = DataFrame.of(rows, names.toArray(String[]::new)).add(new DoubleVector(TARGET, y.clone()));
        GradientTreeBoost[] models = new GradientTreeBoost[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            var options = new GradientTreeBoost.Options(
                    Loss.quantile(LEVELS[i]),
                    shape.trees(),
                    DEFAULT_MAX_DEPTH,
                    shape.maxLeaves(),
                    DEFAULT_LEAF_SIZE,
                    shape.shrinkage(),
                    DEFAULT_SUBSAMPLE,
                    null,
                    null);
            models[i] = SeededTraining.run(
                    KIND + " q=" + LEVELS[i], seed, () -> GradientTreeBoost.fit(Formula.lhs(TARGET), data, options));
        }
        return new QuantileForecastModel(
                names,
                models[0],
                models[1],
                models[2],
                evenlySpaced(rows, MAX_REFERENCE_ROWS),
                LeadCalibration.NONE,
                LinearLeadModel.NONE);
    }

    /**
     * This model with an interval calibration per lead band (replacing any it had); the trees are shared.
     *
     * @throws IllegalArgumentException if the model has no feature {@value #LEAD_FEATURE} and the calibration is not
     *     {@link LeadCalibration#NONE}
     */
    public QuantileForecastModel withCalibration(LeadCalibration calibration) {
        if (!calibration.isEmpty() && !featureNames.contains(LEAD_FEATURE)) {
            throw new IllegalArgumentException("a lead calibration needs a feature named " + LEAD_FEATURE);
        }
        return new QuantileForecastModel(featureNames, p10, p50, p90, referenceRows, calibration, linear);
    }

    /** This model with a linear part to combine with (replacing any it had); the trees are shared. */
    public QuantileForecastModel withLinear(LinearLeadModel linear) {
        return new QuantileForecastModel(featureNames, p10, p50, p90, referenceRows, calibration, linear);
    }

    /** The linear part a forecaster combines the trees with ({@link LinearLeadModel#NONE} if none). */
    public LinearLeadModel linear() {
        return linear;
    }

    /**
     * The interval calibration by lead ({@link LeadCalibration#NONE} if the model has none): the offsets a forecaster
     * applies to {@link #predict}'s p10 and p90 for a row whose {@value #LEAD_FEATURE} is the lead.
     */
    public LeadCalibration calibration() {
        return calibration;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    /** The number of trees of each quantile's model. */
    public int trees() {
        return p50.size();
    }

    /**
     * The forecast for one row: the 10th, 50th and 90th percentile predictions, sorted.
     *
     * @param row one value per feature, in {@link #featureNames()} order
     */
    public Quantiles predict(double[] row) {
        requireRow(row);
        Tuple tuple = Tuple.of(schema, row);
        return Quantiles.sorted(p10.predict(tuple), p50.predict(tuple), p90.predict(tuple));
    }

    /**
     * The SHAP values of the p50 (median) prediction of one row: exact path-dependent tree SHAP (smile's {@code
     * TreeSHAP}, rescaled to the boosted sum, see {@link BoostedTrees}); {@code baseValue + sum(contributions) ==
     * prediction} up to rounding. The prediction is the p50 model's own, before the three quantiles are sorted.
     *
     * @param row one value per feature, in {@link #featureNames()} order
     */
    public ShapValues explainMedian(double[] row) {
        requireRow(row);
        BoostedTrees explainer = medianExplainer;
        if (explainer == null) {
            explainer = BoostedTrees.of(p50);
            medianExplainer = explainer;
        }
        Tuple tuple = Tuple.of(schema, row);
        return new ShapValues(
                explainer.baseValue(), explainer.shap(tuple), explainer.predict(tuple), explainer.cover());
    }

    /**
     * Training rows kept with the model (copies, in {@link #featureNames()} order): up to {@value
     * #MAX_REFERENCE_ROWS}, evenly spaced over the training set; none for a model read from a version 1 payload.
     */
    public double[][] referenceRows() {
        return referenceRows(MAX_REFERENCE_ROWS);
    }

    /** Up to {@code limit} (&gt;= 1) of the {@link #referenceRows()}, evenly spaced over them (copies). */
    public double[][] referenceRows(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return evenlySpaced(referenceRows, limit);
    }

    /**
     * Payload v4: feature names, int32 quantile count (3), then per quantile its level and its serialised model, then
     * int32 reference row count and the rows (float64 per feature), then int32 calibration band count and per band its
     * upper lead bound and offset (float64 each), then the {@link LinearLeadModel} (int32 lead count, int32 coefficient
     * count, the coefficients). v3 is the same without the linear part, v2 also without the calibration, v1 also without
     * the reference rows.
     */
    byte[] payload() {
        var out = new PayloadWriter().writeFeatureNames(featureNames).writeInt(LEVELS.length);
        GradientTreeBoost[] models = {p10, p50, p90};
        for (int i = 0; i < LEVELS.length; i++) {
            out.writeDouble(LEVELS[i]).writeBlob(JavaPayloads.serialize(models[i]));
        }
        out.writeInt(referenceRows.length);
        for (double[] row : referenceRows) {
            for (double value : row) {
                out.writeDouble(value);
            }
        }
        out.writeInt(calibration.bandEnds().size());
        for (int b = 0; b < calibration.bandEnds().size(); b++) {
            out.writeDouble(calibration.bandEnds().get(b))
                    .writeDouble(calibration.offsets().get(b));
        }
        linear.write(out);
        return out.toByteArray();
    }

    static QuantileForecastModel fromPayload(PayloadReader in, int version) {
        if (version < 1 || version > 4) {
            throw new UnsupportedModelException(KIND + " payload version " + version + " is not readable");
        }
        List<String> names = in.readFeatureNames();
        int count = in.readInt("quantile count");
        if (count != LEVELS.length) {
            throw in.corrupt("quantile count is " + count + ", expected " + LEVELS.length, null);
        }
        GradientTreeBoost[] models = new GradientTreeBoost[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            double level = in.readDouble("quantile " + i + " level");
            if (level != LEVELS[i]) {
                throw in.corrupt("quantile " + i + " level is " + level + ", expected " + LEVELS[i], null);
            }
            models[i] = JavaPayloads.deserialize(
                    in.readBlob("quantile " + level + " model"),
                    AllowList.GRADIENT_TREE_BOOST,
                    GradientTreeBoost.class,
                    KIND + " q=" + level + " model");
            List<String> modelFeatures = List.of(models[i].schema().names());
            if (!modelFeatures.equals(names)) {
                throw in.corrupt(
                        "the q=" + level + " model reads features " + modelFeatures + ", the payload lists " + names,
                        null);
            }
        }
        double[][] reference = version >= 2 ? readReferenceRows(in, names.size()) : new double[0][];
        LeadCalibration calibration = version >= 3 ? readCalibration(in) : LeadCalibration.NONE;
        LinearLeadModel linear = version >= 4 ? LinearLeadModel.read(in) : LinearLeadModel.NONE;
        in.expectEnd();
        if (!calibration.isEmpty() && !names.contains(LEAD_FEATURE)) {
            throw in.corrupt("a lead calibration without a feature named " + LEAD_FEATURE, null);
        }
        return new QuantileForecastModel(names, models[0], models[1], models[2], reference, calibration, linear);
    }

    private static LeadCalibration readCalibration(PayloadReader in) {
        int bands = in.readInt("calibration band count");
        if (bands < 0 || bands > LeadCalibration.MAX_BANDS) {
            throw in.corrupt("calibration band count is " + bands + ", expected 0-" + LeadCalibration.MAX_BANDS, null);
        }
        var ends = new ArrayList<Double>(bands);
        var offsets = new ArrayList<Double>(bands);
        for (int b = 0; b < bands; b++) {
            ends.add(in.readDouble("calibration band end"));
            offsets.add(in.readDouble("calibration offset"));
        }
        try {
            return new LeadCalibration(ends, offsets);
        } catch (IllegalArgumentException e) {
            throw in.corrupt("invalid calibration: " + e.getMessage(), e);
        }
    }

    private static double[][] readReferenceRows(PayloadReader in, int features) {
        int count = in.readInt("reference row count");
        if (count < 0 || count > MAX_REFERENCE_ROWS) {
            throw in.corrupt("reference row count is " + count + ", expected 0-" + MAX_REFERENCE_ROWS, null);
        }
        double[][] rows = new double[count][features];
        for (double[] row : rows) {
            for (int j = 0; j < features; j++) {
                row[j] = in.readDouble("reference row value");
                if (!Double.isFinite(row[j])) {
                    throw in.corrupt("a reference row value is not finite: " + row[j], null);
                }
            }
        }
        return rows;
    }

    /** Copies of up to {@code limit} of the rows: row {@code floor(i * n / k)} for i = 0..k-1, k = min(n, limit). */
    private static double[][] evenlySpaced(double[][] rows, int limit) {
        int k = Math.min(rows.length, limit);
        double[][] kept = new double[k][];
        for (int i = 0; i < k; i++) {
            kept[i] = rows[(int) ((long) i * rows.length / k)].clone();
        }
        return kept;
    }

    private void requireRow(double[] row) {
        if (row.length != featureNames.size()) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, expected " + featureNames.size() + " " + featureNames);
        }
    }

    /**
     * The size of the boosted ensembles.
     *
     * @param trees trees per quantile (&gt;= 1)
     * @param maxLeaves the most leaves a tree may have (&gt;= 2)
     * @param shrinkage the learning rate, in (0, 1]
     */
    public record Shape(int trees, int maxLeaves, double shrinkage) {

        public Shape {
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be >= 1, was " + trees);
            }
            if (maxLeaves < 2) {
                throw new IllegalArgumentException("maxLeaves must be >= 2, was " + maxLeaves);
            }
            if (!(shrinkage > 0 && shrinkage <= 1)) {
                throw new IllegalArgumentException("shrinkage must be in (0, 1], was " + shrinkage);
            }
        }
    }

    @Override
    public String toString() {
        return "QuantileForecastModel[features=" + featureNames + ", trees=" + trees() + "]";
    }
}
