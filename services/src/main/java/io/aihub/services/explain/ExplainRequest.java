package io.aihub.services.explain;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /ai/explain}, as documented: {@code tenant_id} and {@code model_name} required; {@code
 * model_version}, {@code prediction_id}, {@code input_features}, {@code explanation_type}, {@code max_samples}
 * optional. Everything is nullable so that validation names every field at fault at once.
 */
record ExplainRequest(
        @Nullable String tenantId,
        @Nullable String modelName,
        @Nullable String modelVersion,
        @Nullable String predictionId,
        @Nullable JsonNode inputFeatures,
        @Nullable String explanationType,
        @Nullable Integer maxSamples) {}
