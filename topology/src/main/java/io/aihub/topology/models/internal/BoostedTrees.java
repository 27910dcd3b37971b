package io.aihub.topology.models.internal;

import java.lang.reflect.Field;
import smile.data.Tuple;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;
import smile.model.cart.RegressionNode;
import smile.regression.GradientTreeBoost;
import smile.regression.RegressionTree;

/**
 * Exact SHAP values of a smile {@link GradientTreeBoost} regression in the units of its prediction.
 *
 * <p>smile 6.3 predicts {@code f(x) = b + s * sum_t T_t(x)} (intercept {@code b}, shrinkage {@code s}, trees
 * {@code T_t}), but its {@code TreeSHAP.shap(Tuple)} returns the per-tree path-dependent SHAP values <em>averaged</em>
 * over the trees (the random forest's semantics, where the prediction is that mean). For a boosted model they are
 * therefore rescaled here by {@code s * trees}, and the base value is {@code b + s * sum_t E[T_t]}, where {@code
 * E[T_t]} is the tree's expected output over its training rows (leaf outputs weighted by their covers, the node sizes
 * TreeSHAP itself uses). Then {@code base + sum_i phi_i = f(x)} (local accuracy). smile keeps {@code b} and {@code s}
 * private and has no getter, so they are read once, reflectively, when the explainer is built.
 */
public final class BoostedTrees {

    private final GradientTreeBoost model;
    private final double scale;
    private final double baseValue;
    private final int cover;

    private BoostedTrees(GradientTreeBoost model, double scale, double baseValue, int cover) {
        this.model = model;
        this.scale = scale;
        this.baseValue = baseValue;
        this.cover = cover;
    }

    /**
     * The explainer of a trained model.
     *
     * @throws IllegalStateException if this smile version does not keep its intercept and shrinkage as this code
     *     expects
     */
    public static BoostedTrees of(GradientTreeBoost model) {
        double intercept = privateDouble(model, "b");
        double shrinkage = privateDouble(model, "shrinkage");
        RegressionTree[] trees = model.trees();
        double expected = 0;
        for (RegressionTree tree : trees) {
            expected += expectedOutput(tree.root());
        }
        return new BoostedTrees(
                model,
                shrinkage * trees.length,
                intercept + shrinkage * expected,
                trees[0].root().size());
    }

    /** {@code b + s * sum_t E[T_t]}: the model's expected prediction over its training rows. */
    public double baseValue() {
        return baseValue;
    }

    /** The training rows the first tree was grown on (its root's cover): the rows behind the expected value. */
    public int cover() {
        return cover;
    }

    /** The prediction {@code f(x)}. */
    public double predict(Tuple x) {
        return model.predict(x);
    }

    /** One SHAP value per feature, in the model's feature order, summing to {@code predict(x) - baseValue()}. */
    public double[] shap(Tuple x) {
        double[] phi = model.shap(x);
        for (int i = 0; i < phi.length; i++) {
            phi[i] *= scale;
        }
        return phi;
    }

    /** The mean leaf output of a tree, leaves weighted by the share of the training rows that reach them. */
    static double expectedOutput(Node node) {
        if (node instanceof InternalNode split) {
            Node left = split.trueChild();
            Node right = split.falseChild();
            double size = left.size() + right.size();
            return (left.size() * expectedOutput(left) + right.size() * expectedOutput(right)) / size;
        }
        if (node instanceof RegressionNode leaf) {
            return leaf.output();
        }
        throw new IllegalStateException(
                "a regression tree has a leaf of type " + node.getClass().getName());
    }

    private static double privateDouble(GradientTreeBoost model, String name) {
        try {
            Field field = GradientTreeBoost.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.getDouble(model);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read smile GradientTreeBoost." + name + " (a smile version other than 6.3?)", e);
        }
    }
}
