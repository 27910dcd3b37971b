package io.aihub.services.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.Problems;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.explain.Explainer;
import io.aihub.topology.explain.GlobalExplanation;
import io.aihub.topology.explain.LocalExplanation;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.models.TrainedModel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /ai/explain and /ai/explain/global on the real stack: models registered through the registry (Kafka + S3),
 * loaded through the model cache, explained; the documented response shapes and every validation error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainApiIT {

    private static final List<String> FEATURES = List.of("temperature", "hour_of_day", "humidity");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The documented fields of POST /ai/explain after the four it shares with the global one. */
    private static final List<String> LOCAL_FIELDS =
            List.of("feature_importances", "metadata", "waterfall_data", "force_data", "summary");
    /** The documented fields of POST /ai/explain/global after the four shared ones. */
    private static final List<String> GLOBAL_FIELDS = List.of("global_importances", "samples_analyzed", "generated_at");

    private AppInstance app;
    private QuantileForecastModel model;
    private QuantileForecastModel other;

    @BeforeAll
    void start() {
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("explain-api"),
                SharedInfrastructure.uniquePrefix("explain-api"),
                Map.of());
        model = train(7);
        other = train(8);
        app.awaitRunning(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** y = 3 temperature - hour_of_day + 5 + noise; humidity is unrelated. 400 rows, 60 trees. */
    private static QuantileForecastModel train(long seed) {
        var random = new Random(seed);
        double[][] x = new double[400][3];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {35 * random.nextDouble(), 24 * random.nextDouble(), 100 * random.nextDouble()};
            y[i] = 3 * x[i][0] - x[i][1] + 5 + random.nextGaussian();
        }
        return QuantileForecastModel.train(FEATURES, x, y, 60, seed);
    }

    // --- POST /ai/explain -----------------------------------------------------------------------------------------

    @Test
    void shouldExplainTheLatestVersionInTheDocumentedShapeAndAddUp() {
        // Given a trained model registered in staging
        String tenant = tenant();
        register(tenant, "load-gbm", "v1.0.0", "staging", ModelArtifacts.write(model));
        double[] row = {22.5, 14, 65};

        // When one row is explained, with an extra feature the model does not read
        Instant before = Instant.now();
        Reply reply = app.post("/ai/explain", explainBody(tenant, "load-gbm", features(row, "wind_speed", 3.0)));

        // Then 200 with exactly the documented fields, in order
        JsonNode body = documented(reply, "exp-", List.of(tenant, "load-gbm", "v1.0.0"), LOCAL_FIELDS);

        // And the numbers are the p50 model's tree SHAP values, as computed in-process, ranked by |SHAP|
        LocalExplanation expected = Explainer.explain(model, row);
        List<LocalExplanation.Attribution> ranked = expected.attributions();
        assertThat(ranked)
                .extracting(LocalExplanation.Attribution::featureName)
                .first()
                .isEqualTo("temperature");
        assertRows(
                body.path("feature_importances"),
                List.of("feature_name", "importance", "value", "contribution", "rank"),
                ranked.stream()
                        .map(a -> List.<Object>of(
                                a.featureName(),
                                Math.abs(a.contribution()),
                                row[FEATURES.indexOf(a.featureName())],
                                a.contribution(),
                                a.rank()))
                        .toList());
        assertThat(ranked)
                .extracting(LocalExplanation.Attribution::importance)
                .isSortedAccordingTo((x, y) -> Double.compare(y, x));

        JsonNode metadata = body.path("metadata");
        assertThat(Instant.parse(metadata.path("explained_at").asString())).isBetween(before, Instant.now());
        assertRows(
                JSON.createArrayNode().add(metadata),
                List.of(
                        "explained_at",
                        "model_name",
                        "model_version",
                        "explanation_method",
                        "base_value",
                        "prediction_value",
                        "samples_used"),
                List.of(List.of(
                        metadata.path("explained_at").asString(),
                        "load-gbm",
                        "v1.0.0",
                        "shap",
                        expected.baseValue(),
                        expected.prediction(),
                        280))); // 70 % of 400 rows per tree

        // And base value + sum of contributions = prediction, to 1e-9 relative
        double base = metadata.path("base_value").asDouble();
        double prediction = metadata.path("prediction_value").asDouble();
        double sum = base;
        for (JsonNode entry : body.path("feature_importances")) {
            sum += entry.path("contribution").asDouble();
        }
        assertThat(sum).isCloseTo(prediction, within(1e-9 * Math.abs(prediction)));
        var q = model.predict(row);
        assertThat(prediction).isBetween(q.p10(), q.p90());

        // And the waterfall walks from the base value to the prediction in rank order
        var steps = new ArrayList<List<Object>>();
        double cumulative = base;
        for (LocalExplanation.Attribution a : ranked) {
            cumulative += a.contribution();
            steps.add(List.of(a.featureName(), a.contribution(), cumulative));
        }
        assertRows(body.path("waterfall_data"), List.of("feature_name", "contribution", "cumulative_value"), steps);
        assertThat(cumulative).isCloseTo(prediction, within(1e-9 * Math.abs(prediction)));

        // And the force data carries the same values with their sign
        assertRows(
                body.path("force_data"),
                List.of("feature_name", "feature_value", "shap_value", "is_positive"),
                ranked.stream()
                        .map(a -> List.<Object>of(a.featureName(), a.value(), a.contribution(), a.contribution() > 0))
                        .toList());

        // And the summary names the top three and the total
        JsonNode summary = body.path("summary");
        assertRows(
                JSON.createArrayNode().add(summary),
                List.of("top_3_features", "total_contribution", "explanation"),
                List.of(List.of(expected.topFeatures(), expected.totalContribution(), expected.sentence())));
        assertThat(summary.path("total_contribution").asDouble())
                .isCloseTo(prediction - base, within(1e-9 * Math.abs(prediction)));
        assertThat(summary.path("explanation").asString())
                .startsWith(String.format(Locale.ROOT, "The prediction of %.2f", prediction))
                .contains("driven primarily by temperature");
    }

    @Test
    void shouldResolveLatestAsTheProductionVersionElseTheHighestStagingOne() {
        // Given v1.0.0 (model) and v2.0.0 (other), both in staging
        String tenant = tenant();
        register(tenant, "gbm", "v1.0.0", "staging", ModelArtifacts.write(model));
        register(tenant, "gbm", "v2.0.0", "staging", ModelArtifacts.write(other));
        double[] row = {10, 3, 50};
        double v1 = Explainer.explain(model, row).prediction();
        double v2 = Explainer.explain(other, row).prediction();
        assertThat(v1).isNotEqualTo(v2);

        // Then latest (absent or "latest") is the highest staging version
        assertExplained(app.post("/ai/explain", explainBody(tenant, "gbm", features(row))), "v2.0.0", v2);
        var latest = explainBody(tenant, "gbm", features(row));
        latest.put("model_version", "latest");
        assertExplained(app.post("/ai/explain", latest), "v2.0.0", v2);

        // When v1.0.0 is promoted to production, latest is v1.0.0
        Reply promoted = app.put("/ai/models/" + tenant + ":gbm:v1.0.0/promote", Map.of("target_stage", "production"));
        assertThat(promoted.status()).as("%s", promoted.body()).isEqualTo(200);
        assertExplained(app.post("/ai/explain", explainBody(tenant, "gbm", features(row))), "v1.0.0", v1);

        // And a named version is that version
        var named = explainBody(tenant, "gbm", features(row));
        named.put("model_version", "v2.0.0");
        assertExplained(app.post("/ai/explain", named), "v2.0.0", v2);
    }

    @Test
    void shouldRefuseEveryInvalidExplainRequestNamingTheField() {
        // Given a tree model, a seasonal profile and an opaque artifact, and a valid request for the tree model
        String tenant = tenant();
        register(tenant, "gbm", "v1.0.0", "staging", ModelArtifacts.write(model));
        register(tenant, "profile", "v1.0.0", "staging", ModelArtifacts.write(profile()));
        register(tenant, "opaque", "v1.0.0", "staging", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Map<String, Object> row = features(new double[] {10, 3, 50});
        Map<String, Object> valid = explainBody(tenant, "gbm", row);
        var text = new LinkedHashMap<>(row);
        text.put("temperature", "warm");
        var missing = new LinkedHashMap<>(row);
        missing.remove("hour_of_day");

        // Then each change of it is refused with the status and field documented in the README
        assertRefusals(
                "/ai/explain",
                valid,
                List.of(
                        new Refusal(422, "tenant_id", "is required", "tenant_id", ABSENT),
                        new Refusal(422, "model_name", "is required", "model_name", ABSENT),
                        new Refusal(400, "tenant_id", "letters, digits", "tenant_id", "bad tenant!"),
                        new Refusal(400, "model_name", "hyphens or underscores", "model_name", "bad name"),
                        new Refusal(400, "model_version", "vMAJOR.MINOR.PATCH", "model_version", "1.0"),
                        new Refusal(422, "explanation_type", "'lime' is not built", "explanation_type", "lime"),
                        new Refusal(422, "explanation_type", "'anchor' is not built", "explanation_type", "anchor"),
                        new Refusal(422, "explanation_type", "must be 'shap'", "explanation_type", "magic"),
                        new Refusal(422, "max_samples", "between 10 and 1000", "max_samples", 9),
                        new Refusal(422, "max_samples", "between 10 and 1000", "max_samples", 1001),
                        new Refusal(422, "max_samples", "wrong type", "max_samples", "many"),
                        new Refusal(422, "prediction_id", "no log of past predictions", "prediction_id", "pred-123"),
                        new Refusal(422, "input_features", "is required", "input_features", ABSENT),
                        new Refusal(422, "input_features", "must be an object", "input_features", List.of(1, 2)),
                        new Refusal(422, "input_features.temperature", "finite number", "input_features", text),
                        new Refusal(
                                422,
                                "input_features.hour_of_day",
                                "reads features [temperature, hour_of_day, humidity]",
                                "input_features",
                                missing),
                        new Refusal(404, null, "has no model named nope", "model_name", "nope"),
                        new Refusal(404, null, "not found", "model_version", "v9.9.9"),
                        new Refusal(404, null, "has no model named gbm", "tenant_id", "other-" + tenant),
                        new Refusal(
                                422,
                                "model_name",
                                "seasonal_profile has no SHAP explanation: it is an hour-of-week lookup table",
                                "model_name",
                                "profile",
                                "input_features",
                                Map.of("hour_of_week", 3)),
                        new Refusal(422, "model_name", "not in the product's model format", "model_name", "opaque")));
        Problems.assertProblem(app.postRaw("/ai/explain", "{\"tenant_id\":", "application/json"), 400, "$");

        // And the bounds and the one type are accepted
        ok(app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "max_samples", 10)));
        ok(app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "max_samples", 1000)));
        ok(app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "explanation_type", "shap")));
    }

    // --- POST /ai/explain/global ----------------------------------------------------------------------------------

    @Test
    void shouldAverageShapOverTheTrainingRowsKeptInTheArtifact() {
        // Given a trained model registered in production
        String tenant = tenant();
        register(tenant, "load-gbm", "v1.2.0", "production", ModelArtifacts.write(model));

        // When it is explained globally over 50 rows
        Instant before = Instant.now();
        Reply reply = app.post("/ai/explain/global", globalBody(tenant, "load-gbm", 50));

        // Then the documented shape, over 50 of the 400 kept training rows, as computed in-process
        JsonNode body = documented(reply, "exp-global-", List.of(tenant, "load-gbm", "v1.2.0"), GLOBAL_FIELDS);
        assertThat(body.path("samples_analyzed").asInt()).isEqualTo(50);
        assertThat(Instant.parse(body.path("generated_at").asString())).isBetween(before, Instant.now());
        GlobalExplanation expected = Explainer.global(model, 50);
        assertThat(expected.importances())
                .extracting(GlobalExplanation.Importance::featureName)
                .containsExactly("temperature", "hour_of_day", "humidity");
        assertRows(
                body.path("global_importances"),
                List.of("feature_name", "mean_abs_shap", "mean_shap", "importance_rank"),
                expected.importances().stream()
                        .map(i -> List.<Object>of(i.featureName(), i.meanAbsShap(), i.meanShap(), i.rank()))
                        .toList());

        // And a sample larger than the kept rows analyses them all
        Reply all = app.post("/ai/explain/global", globalBody(tenant, "load-gbm", 1000));
        assertThat(all.body().path("samples_analyzed").asInt()).isEqualTo(400);
    }

    @Test
    void shouldRefuseEveryInvalidGlobalRequestNamingTheField() {
        String tenant = tenant();
        register(tenant, "gbm", "v1.0.0", "staging", ModelArtifacts.write(model));
        register(tenant, "old-gbm", "v1.0.0", "staging", withoutReferenceRows(model));
        register(tenant, "profile", "v1.0.0", "staging", ModelArtifacts.write(profile()));

        assertRefusals(
                "/ai/explain/global",
                globalBody(tenant, "gbm", 100),
                List.of(
                        new Refusal(422, "tenant_id", "is required", "tenant_id", ABSENT),
                        new Refusal(422, "model_name", "is required", "model_name", ABSENT),
                        new Refusal(422, "dataset_sample_size", "between 10 and 1000", "dataset_sample_size", 9),
                        new Refusal(422, "dataset_sample_size", "between 10 and 1000", "dataset_sample_size", 1001),
                        new Refusal(400, "model_version", "vMAJOR.MINOR.PATCH", "model_version", "x"),
                        new Refusal(404, null, "has no model named nope", "model_name", "nope"),
                        new Refusal(
                                422, "model_name", "seasonal_profile has no SHAP explanation", "model_name", "profile"),
                        new Refusal(422, "model_name", "keeps no reference rows", "model_name", "old-gbm")));
        // the default sample size (100) is valid
        var defaults = globalBody(tenant, "gbm", 100);
        defaults.remove("dataset_sample_size");
        assertThat(ok(app.post("/ai/explain/global", defaults))
                        .path("samples_analyzed")
                        .asInt())
                .isEqualTo(100);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static String tenant() {
        return "t-explain-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    private void register(String tenant, String name, String version, String stage, byte[] artifact) {
        var body = new LinkedHashMap<String, Object>();
        body.put("tenant_id", tenant);
        body.put("model_name", name);
        body.put("version", version);
        body.put("model_type", "forecast");
        body.put("stage", stage);
        body.put("model_file", Base64.getEncoder().encodeToString(artifact));
        body.put("metadata", Map.of("algorithm", "gradient_boost_quantiles", "features", FEATURES));
        Reply reply = app.post("/ai/models/register", body);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    }

    private static Map<String, Object> features(double[] row, Object... extra) {
        var features = new LinkedHashMap<String, Object>();
        for (int i = 0; i < row.length; i++) {
            features.put(FEATURES.get(i), row[i]);
        }
        for (int i = 0; i < extra.length; i += 2) {
            features.put((String) extra[i], extra[i + 1]);
        }
        return features;
    }

    private static LinkedHashMap<String, Object> explainBody(String tenant, String model, Map<String, ?> features) {
        var body = new LinkedHashMap<String, Object>();
        body.put("tenant_id", tenant);
        body.put("model_name", model);
        body.put("input_features", features);
        return body;
    }

    private static LinkedHashMap<String, Object> globalBody(String tenant, String model, int sampleSize) {
        var body = new LinkedHashMap<String, Object>();
        body.put("tenant_id", tenant);
        body.put("model_name", model);
        body.put("dataset_sample_size", sampleSize);
        return body;
    }

    private static LinkedHashMap<String, Object> with(LinkedHashMap<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static void assertExplained(Reply reply, String version, double prediction) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().path("model_version").asString()).isEqualTo(version);
        assertThat(reply.body().path("metadata").path("model_version").asString())
                .isEqualTo(version);
        assertThat(reply.body().path("metadata").path("prediction_value").asDouble())
                .isEqualTo(prediction);
    }

    /**
     * A 200 whose body's fields are explanation_id, tenant_id, model_name, model_version and then {@code rest}, in
     * this order; the id starts with {@code idPrefix} and the three names are {@code tenantModelVersion}.
     */
    private static JsonNode documented(
            Reply reply, String idPrefix, List<String> tenantModelVersion, List<String> rest) {
        JsonNode body = ok(reply);
        var expected = new ArrayList<>(List.of("explanation_id", "tenant_id", "model_name", "model_version"));
        expected.addAll(rest);
        assertThat(fieldNames(body)).containsExactlyElementsOf(expected);
        assertThat(body.path("explanation_id").asString()).startsWith(idPrefix);
        assertThat(List.of(
                        body.path("tenant_id").asString(),
                        body.path("model_name").asString(),
                        body.path("model_version").asString()))
                .isEqualTo(tenantModelVersion);
        return body;
    }

    /** A field value that removes the field. */
    private static final Object ABSENT = new Object();

    /**
     * A change of a valid request and the problem it must get.
     *
     * @param field the field the problem names; null for a 404, which names none
     * @param detail a part of the problem's detail
     * @param changes field, value, field, value...: the value replaces the field's, {@link #ABSENT} removes it
     */
    private record Refusal(int status, @Nullable String field, String detail, Object... changes) {}

    private void assertRefusals(String path, Map<String, Object> valid, List<Refusal> refusals) {
        for (Refusal refusal : refusals) {
            var body = new LinkedHashMap<>(valid);
            for (int i = 0; i < refusal.changes().length; i += 2) {
                Object value = refusal.changes()[i + 1];
                if (value == ABSENT) {
                    body.remove((String) refusal.changes()[i]);
                } else {
                    body.put((String) refusal.changes()[i], value);
                }
            }
            Reply reply = app.post(path, body);
            Problems.assertProblem(reply, refusal.status(), refusal.field());
            assertThat(reply.body().path("detail").asString())
                    .as("%s %s", Arrays.toString(refusal.changes()), reply.body())
                    .contains(refusal.detail());
        }
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }

    /** Each object of {@code array} has exactly the fields {@code names}, in order, with the values of its row. */
    private static void assertRows(JsonNode array, List<String> names, List<List<Object>> rows) {
        assertThat(array.size()).as("%s", array).isEqualTo(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode object = array.path(i);
            assertThat(fieldNames(object)).as("%s", object).containsExactlyElementsOf(names);
            var expected = JSON.createObjectNode();
            for (int j = 0; j < names.size(); j++) {
                expected.set(names.get(j), JSON.valueToTree(rows.get(i).get(j)));
            }
            assertThat(object).isEqualTo(expected);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    /** Four weeks of hourly values with a daily shape: a model of a kind without SHAP. */
    private static TrainedModel profile() {
        long[] times = new long[4 * 168];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() + i * 3_600_000L;
            values[i] = 100 + 10 * (i % 24);
        }
        return SeasonalProfileModel.train(times, values);
    }

    /**
     * The model's artifact in the payload version 1 encoding (MODELS.md): the header with payload version 1 and the
     * shorter length, the payload without its trailing reference rows (int32 count + count * 3 float64), its (empty)
     * calibration (int32 count 0) of version 3 and its (empty) linear part (int32 lead count 0, int32 coefficient count
     * 0) of version 4.
     */
    private static byte[] withoutReferenceRows(QuantileForecastModel model) {
        byte[] v4 = ModelArtifacts.write(model);
        int kindLength = v4[8];
        int versionAt = 4 + 4 + 1 + kindLength;
        int payloadAt = versionAt + 4 + 8;
        int trailing = 4 + model.referenceRows().length * FEATURES.size() * 8 + 4 + 8;
        byte[] v1 = Arrays.copyOf(v4, v4.length - trailing);
        ByteBuffer.wrap(v1).putInt(versionAt, 1).putLong(versionAt + 4, v1.length - payloadAt);
        return v1;
    }
}
