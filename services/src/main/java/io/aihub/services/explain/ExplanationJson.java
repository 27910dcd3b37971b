package io.aihub.services.explain;

import io.aihub.services.explain.ExplainService.Explained;
import io.aihub.topology.explain.GlobalExplanation;
import io.aihub.topology.explain.LocalExplanation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The documented JSON of the two explanation endpoints, fields in the documented order. */
@Component
class ExplanationJson {

    private final Clock clock = Clock.systemUTC();

    private static final List<String> IMPORTANCE =
            List.of("feature_name", "importance", "value", "contribution", "rank");
    private static final List<String> STEP = List.of("feature_name", "contribution", "cumulative_value");
    private static final List<String> FORCE = List.of("feature_name", "feature_value", "shap_value", "is_positive");
    private static final List<String> GLOBAL = List.of("feature_name", "mean_abs_shap", "mean_shap", "importance_rank");

    /** {@code POST /ai/explain}: importances, metadata, waterfall, force data and summary, all in rank order. */
    Map<String, Object> local(Explained<LocalExplanation> explained) {
        LocalExplanation explanation = explained.explanation();
        List<LocalExplanation.Attribution> ranked = explanation.attributions();
        Map<String, Object> body = header("exp-", explained);
        body.put(
                "feature_importances",
                objects(
                        ranked,
                        IMPORTANCE,
                        a -> List.of(a.featureName(), a.importance(), a.value(), a.contribution(), a.rank())));
        body.put(
                "metadata",
                fields(
                        "explained_at", clock.instant().toString(),
                        "model_name", explained.model().id().modelName(),
                        "model_version", explained.model().id().version(),
                        "explanation_method", ExplainQuery.SHAP,
                        "base_value", explanation.baseValue(),
                        "prediction_value", explanation.prediction(),
                        "samples_used", explanation.samplesUsed()));
        body.put(
                "waterfall_data",
                objects(
                        explanation.waterfall(),
                        STEP,
                        s -> List.of(s.featureName(), s.contribution(), s.cumulativeValue())));
        body.put(
                "force_data",
                objects(
                        ranked,
                        FORCE,
                        a -> List.of(a.featureName(), a.value(), a.contribution(), a.contribution() > 0)));
        body.put(
                "summary",
                fields(
                        "top_3_features", explanation.topFeatures(),
                        "total_contribution", explanation.totalContribution(),
                        "explanation", explanation.sentence()));
        return body;
    }

    /** {@code POST /ai/explain/global}: importances in rank order, the rows analysed, the time. */
    Map<String, Object> global(Explained<GlobalExplanation> explained) {
        Map<String, Object> body = header("exp-global-", explained);
        body.put(
                "global_importances",
                objects(
                        explained.explanation().importances(),
                        GLOBAL,
                        i -> List.of(i.featureName(), i.meanAbsShap(), i.meanShap(), i.rank())));
        body.put("samples_analyzed", explained.explanation().samplesAnalyzed());
        body.put("generated_at", clock.instant().toString());
        return body;
    }

    /** One JSON object per item: the fields {@code names}, with the item's values in the same order. */
    private static <T> List<Map<String, Object>> objects(
            List<T> items, List<String> names, Function<T, List<?>> values) {
        var objects = new ArrayList<Map<String, Object>>(items.size());
        for (T item : items) {
            List<?> row = values.apply(item);
            var object = new LinkedHashMap<String, Object>();
            for (int i = 0; i < names.size(); i++) {
                object.put(names.get(i), row.get(i));
            }
            objects.add(object);
        }
        return objects;
    }

    private static Map<String, Object> header(String idPrefix, Explained<?> explained) {
        var id = explained.model().id();
        return fields(
                "explanation_id", idPrefix + UUID.randomUUID(),
                "tenant_id", id.tenantId(),
                "model_name", id.modelName(),
                "model_version", id.version());
    }

    /** An ordered JSON object from name, value, name, value... */
    private static Map<String, Object> fields(Object... namesAndValues) {
        var object = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }
}
