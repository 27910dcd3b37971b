/**
 * Explanations of the product's tree models: local SHAP attributions of one prediction ({@link
 * io.aihub.topology.explain.LocalExplanation}) and global importances over a sample of rows ({@link
 * io.aihub.topology.explain.GlobalExplanation}), computed by {@link io.aihub.topology.explain.Explainer}. Plain
 * maths, usable from the REST facade and from stream processors alike.
 */
@NullMarked
package io.aihub.topology.explain;

import org.jspecify.annotations.NullMarked;
