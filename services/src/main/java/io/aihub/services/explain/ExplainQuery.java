package io.aihub.services.explain;

import io.aihub.services.api.Violations;
import io.aihub.services.registry.RegisteredModels;
import io.aihub.topology.registry.ModelId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Validated explanation requests. Missing or out-of-range fields answer 422; a malformed tenant id, model name or
 * model version answers 400, as the model registry does for the same ids.
 */
final class ExplainQuery {

    static final String SHAP = "shap";
    static final int DEFAULT_SAMPLES = 100;
    static final int MIN_SAMPLES = 10;
    static final int MAX_SAMPLES = 1000;

    private ExplainQuery() {}

    /** The model a request names; {@code version} null means the latest. */
    record Target(
            String tenantId, String modelName, @Nullable String version) {}

    /** A validated {@code POST /ai/explain}: the posted features by name (finite numbers). */
    record Local(Target target, Map<String, Double> features, int maxSamples) {}

    /** A validated {@code POST /ai/explain/global}. */
    record Global(Target target, int sampleSize) {}

    static Local local(ExplainRequest request) {
        var invalid = new Violations();
        required(request.tenantId(), "tenant_id", invalid);
        required(request.modelName(), "model_name", invalid);
        String type = request.explanationType();
        if (type != null && !type.equals(SHAP)) {
            invalid.add(
                    "explanation_type",
                    type.equals("lime") || type.equals("anchor")
                            ? "'" + type + "' is not built: only 'shap' (exact tree SHAP) is supported"
                            : "must be 'shap' (the only type built; 'lime' and 'anchor' are not), got '" + type + "'");
        }
        int maxSamples = samples(request.maxSamples(), "max_samples", invalid);
        if (request.predictionId() != null) {
            invalid.add(
                    "prediction_id",
                    "cannot be resolved: the service keeps no log of past predictions; post input_features instead");
        }
        Map<String, Double> features = features(request.inputFeatures(), request.predictionId() == null, invalid);
        invalid.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid explanation request");
        Target target = target(request.tenantId(), request.modelName(), request.modelVersion());
        return new Local(target, features, maxSamples);
    }

    static Global global(GlobalExplainRequest request) {
        var invalid = new Violations();
        required(request.tenantId(), "tenant_id", invalid);
        required(request.modelName(), "model_name", invalid);
        int sampleSize = samples(request.datasetSampleSize(), "dataset_sample_size", invalid);
        invalid.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid global explanation request");
        return new Global(target(request.tenantId(), request.modelName(), request.modelVersion()), sampleSize);
    }

    /** Checks the formats of ids already checked present. */
    private static Target target(@Nullable String tenantId, @Nullable String modelName, @Nullable String version) {
        return formatted(Objects.requireNonNull(tenantId), Objects.requireNonNull(modelName), version);
    }

    private static Target formatted(String tenantId, String modelName, @Nullable String version) {
        var malformed = new Violations();
        if (!ModelId.isValidTenant(tenantId)) {
            malformed.add("tenant_id", "must be 1-128 letters, digits, '.', '_' or '-', starting alphanumeric");
        }
        if (!ModelId.isValidName(modelName)) {
            malformed.add(
                    "model_name", "must be 1-" + ModelId.MAX_NAME_LENGTH + " letters, digits, hyphens or underscores");
        }
        if (version != null && !version.equals(RegisteredModels.LATEST) && !ModelId.isValidVersion(version)) {
            malformed.add("model_version", "must be 'latest' or a semantic version vMAJOR.MINOR.PATCH, e.g. v1.0.0");
        }
        malformed.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid model_id format");
        return new Target(tenantId, modelName, version);
    }

    private static int samples(@Nullable Integer value, String field, Violations invalid) {
        int samples = value == null ? DEFAULT_SAMPLES : value;
        if (samples < MIN_SAMPLES || samples > MAX_SAMPLES) {
            invalid.add(field, "must be between " + MIN_SAMPLES + " and " + MAX_SAMPLES + ", got " + samples);
        }
        return samples;
    }

    private static Map<String, Double> features(@Nullable JsonNode posted, boolean required, Violations invalid) {
        var features = new LinkedHashMap<String, Double>();
        if (posted == null || posted.isNull()) {
            if (required) {
                invalid.add("input_features", "is required: an object of feature name -> number");
            }
            return features;
        }
        if (!posted.isObject()) {
            invalid.add("input_features", "must be an object of feature name -> number");
            return features;
        }
        for (var entry : posted.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                invalid.add("input_features." + entry.getKey(), "must be a finite number, got " + value);
            } else {
                features.put(entry.getKey(), value.asDouble());
            }
        }
        return features;
    }

    private static void required(@Nullable String value, String field, Violations violations) {
        if (value == null || value.isBlank()) {
            violations.add(field, "is required");
        }
    }
}
