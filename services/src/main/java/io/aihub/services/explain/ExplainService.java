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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Explains a registered model: resolves the version in the registry, loads the model through the model cache, maps
 * the posted features onto the model's features (every one required; extra ones ignored) and explains.
 */
@Service
class ExplainService {

    private final RegisteredModels models;

    ExplainService(RegisteredModels models) {
        this.models = models;
    }

    /** An explanation of a registered version. */
    record Explained<T>(Registered model, T explanation) {}

    Explained<LocalExplanation> explain(ExplainQuery.Local query) {
        Registered registered = resolve(query.target());
        TrainedModel model = models.load(registered);
        double[] row = row(model, query.features(), registered);
        return new Explained<>(registered, explainable(() -> Explainer.explain(model, row)));
    }

    Explained<GlobalExplanation> explainGlobal(ExplainQuery.Global query) {
        Registered registered = resolve(query.target());
        TrainedModel model = models.load(registered);
        return new Explained<>(registered, explainable(() -> Explainer.global(model, query.sampleSize())));
    }

    private Registered resolve(ExplainQuery.Target target) {
        return models.resolve(target.tenantId(), target.modelName(), target.version());
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
