/**
 * {@code POST /ai/explain} and {@code POST /ai/explain/global}: SHAP explanations of the tenant's registered tree
 * models, computed by {@code io.aihub.topology.explain}.
 */
@NullMarked
package io.aihub.services.explain;

import org.jspecify.annotations.NullMarked;
