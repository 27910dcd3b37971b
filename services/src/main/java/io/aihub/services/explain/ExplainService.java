package io.aihub.services.explain;

import io.aihub.services.api.FieldViolation;
import io.aihub.services.api.ProblemException;
import io.aihub.services.api.RequestRejectedException;
import io.aihub.services.registry.RegisteredModels;
import io.aihub.services.registry.RegisteredModels.Registered;
import io.aihub.topology.explain.Explainer;
import io.aihub.topology.explain.ExplanationUnsupportedException;
import io.aihub.topology.explain.GlobalExplanation;
import io.aihub.topology.explain.LocalExplanation;
import io.aihub.topology.models.TrainedModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Explains a registered model: resolves the version in the registry, loads the model through the model cache, maps
 * the posted features onto the model's features (every one required; extra ones ignored) and answers the documented
 * JSON.
 */
@Service
class ExplainService {

    private final RegisteredModels models;
    private final Clock clock = Clock.systemUTC();

    ExplainService(RegisteredModels models) {
        this.models = models;
    }

    Map<String, Object> explain(ExplainQuery.Local query) {
        Registered registered = resolve(query.target());
        TrainedModel model = models.load(registered);
        double[] row = row(model, query.features(), registered);
        LocalExplanation explanation = explainable(() -> Explainer.explain(model, row));

        var importances = new ArrayList<Map<String, Object>>();
        var force = new ArrayList<Map<String, Object>>();
        for (LocalExplanation.Attribution a : explanation.attributions()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("feature_name", a.featureName());
            entry.put("importance", a.importance());
            entry.put("value", a.value());
            entry.put("contribution", a.contribution());
            entry.put("rank", a.rank());
            importances.add(entry);
            var forceEntry = new LinkedHashMap<String, Object>();
            forceEntry.put("feature_name", a.featureName());
            forceEntry.put("feature_value", a.value());
            forceEntry.put("shap_value", a.contribution());
            forceEntry.put("is_positive", a.contribution() > 0);
            force.add(forceEntry);
        }
        var waterfall = new ArrayList<Map<String, Object>>();
        for (LocalExplanation.Step step : explanation.waterfall()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("feature_name", step.featureName());
            entry.put("contribution", step.contribution());
            entry.put("cumulative_value", step.cumulativeValue());
            waterfall.add(entry);
        }
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("explained_at", clock.instant().toString());
        metadata.put("model_name", registered.id().modelName());
        metadata.put("model_version", registered.id().version());
        metadata.put("explanation_method", ExplainQuery.SHAP);
        metadata.put("base_value", explanation.baseValue());
        metadata.put("prediction_value", explanation.prediction());
        metadata.put("samples_used", explanation.samplesUsed());
        var summary = new LinkedHashMap<String, Object>();
        summary.put("top_3_features", explanation.topFeatures());
        summary.put("total_contribution", explanation.totalContribution());
        summary.put("explanation", explanation.sentence());

        var body = header("exp-", registered);
        body.put("feature_importances", importances);
        body.put("metadata", metadata);
        body.put("waterfall_data", waterfall);
        body.put("force_data", force);
        body.put("summary", summary);
        return body;
    }

    Map<String, Object> explainGlobal(ExplainQuery.Global query) {
        Registered registered = resolve(query.target());
        TrainedModel model = models.load(registered);
        GlobalExplanation global = explainable(() -> Explainer.global(model, query.sampleSize()));
        var importances = new ArrayList<Map<String, Object>>();
        for (GlobalExplanation.Importance importance : global.importances()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("feature_name", importance.featureName());
            entry.put("mean_abs_shap", importance.meanAbsShap());
            entry.put("mean_shap", importance.meanShap());
            entry.put("importance_rank", importance.rank());
            importances.add(entry);
        }
        var body = header("exp-global-", registered);
        body.put("global_importances", importances);
        body.put("samples_analyzed", global.samplesAnalyzed());
        body.put("generated_at", clock.instant().toString());
        return body;
    }

    private Registered resolve(ExplainQuery.Target target) {
        return models.resolve(target.tenantId(), target.modelName(), target.version());
    }

    private static LinkedHashMap<String, Object> header(String idPrefix, Registered registered) {
        var body = new LinkedHashMap<String, Object>();
        body.put("explanation_id", idPrefix + UUID.randomUUID());
        body.put("tenant_id", registered.id().tenantId());
        body.put("model_name", registered.id().modelName());
        body.put("model_version", registered.id().version());
        return body;
    }

    /** The posted features in the model's order; every feature of the model is required (422 naming each missing). */
    private static double[] row(TrainedModel model, Map<String, Double> posted, Registered registered) {
        List<String> names = model.featureNames();
        double[] row = new double[names.size()];
        var missing = new ArrayList<FieldViolation>();
        for (int i = 0; i < names.size(); i++) {
            Double value = posted.get(names.get(i));
            if (value == null) {
                missing.add(new FieldViolation(
                        "input_features." + names.get(i),
                        "is required: model " + registered.id() + " reads features " + names));
            } else {
                row[i] = value;
            }
        }
        if (!missing.isEmpty()) {
            throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Missing model features", missing);
        }
        return row;
    }

    private static <T> T explainable(Supplier<T> explanation) {
        try {
            return explanation.get();
        } catch (ExplanationUnsupportedException e) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "Model cannot be explained", e.getMessage(), "model_name", e);
        }
    }
}
