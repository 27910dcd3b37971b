package io.aihub.services.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * POST /ai/explain and /ai/explain/global on the real stack: models registered through the registry (Kafka + S3),
 * loaded through the model cache, explained; the documented response shapes and every validation error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainApiIT {

    private static final List<String> FEATURES = List.of("temperature", "hour_of_day", "humidity");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private AppInstance app;
    private QuantileForecastModel model;
    private QuantileForecastModel other;

    @BeforeAll
    void start() {
        String applicationId = SharedInfrastructure.uniqueApplicationId("explain-api");
        app = AppInstance.start(
                applicationId,
                SharedInfrastructure.uniquePrefix("explain-api"),
                Map.of("aihub.s3.bucket", "models-" + applicationId));
        model = train(7);
        other = train(8);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(app.get("/health")
                                .body()
                                .path("kafka_streams")
                                .path("state")
                                .asString())
                        .isEqualTo("RUNNING"));
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
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(fieldNames(body))
                .containsExactly(
                        "explanation_id",
                        "tenant_id",
                        "model_name",
                        "model_version",
                        "feature_importances",
                        "metadata",
                        "waterfall_data",
                        "force_data",
                        "summary");
        assertThat(body.path("explanation_id").asString()).startsWith("exp-");
        assertThat(body.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(body.path("model_name").asString()).isEqualTo("load-gbm");
        assertThat(body.path("model_version").asString()).isEqualTo("v1.0.0");

        // And the numbers are the p50 model's tree SHAP values, as computed in-process
        LocalExplanation expected = Explainer.explain(model, row);
        JsonNode importances = body.path("feature_importances");
        assertThat(importances.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            LocalExplanation.Attribution a = expected.attributions().get(i);
            JsonNode entry = importances.path(i);
            assertThat(fieldNames(entry))
                    .containsExactly("feature_name", "importance", "value", "contribution", "rank");
            assertThat(entry.path("feature_name").asString()).isEqualTo(a.featureName());
            assertThat(entry.path("importance").asDouble()).isEqualTo(Math.abs(a.contribution()));
            assertThat(entry.path("value").asDouble()).isEqualTo(row[FEATURES.indexOf(a.featureName())]);
            assertThat(entry.path("contribution").asDouble()).isEqualTo(a.contribution());
            assertThat(entry.path("rank").asInt()).isEqualTo(i + 1);
        }
        assertThat(importances.path(0).path("feature_name").asString()).isEqualTo("temperature");
        assertThat(importances.path(0).path("importance").asDouble())
                .isGreaterThanOrEqualTo(importances.path(1).path("importance").asDouble());
        assertThat(importances.path(1).path("importance").asDouble())
                .isGreaterThanOrEqualTo(importances.path(2).path("importance").asDouble());

        JsonNode metadata = body.path("metadata");
        assertThat(fieldNames(metadata))
                .containsExactly(
                        "explained_at",
                        "model_name",
                        "model_version",
                        "explanation_method",
                        "base_value",
                        "prediction_value",
                        "samples_used");
        assertThat(Instant.parse(metadata.path("explained_at").asString())).isBetween(before, Instant.now());
        assertThat(metadata.path("model_name").asString()).isEqualTo("load-gbm");
        assertThat(metadata.path("model_version").asString()).isEqualTo("v1.0.0");
        assertThat(metadata.path("explanation_method").asString()).isEqualTo("shap");
        double base = metadata.path("base_value").asDouble();
        double prediction = metadata.path("prediction_value").asDouble();
        assertThat(base).isEqualTo(expected.baseValue());
        assertThat(prediction).isEqualTo(expected.prediction());
        assertThat(metadata.path("samples_used").asInt()).isEqualTo(280); // 70 % of 400 rows per tree

        // And base value + sum of contributions = prediction
        double sum = base;
        for (JsonNode entry : importances) {
            sum += entry.path("contribution").asDouble();
        }
        assertThat(sum).isCloseTo(prediction, within(1e-9 * Math.abs(prediction)));
        var q = model.predict(row);
        assertThat(prediction).isBetween(q.p10(), q.p90());

        // And the waterfall walks from the base value to the prediction in rank order
        JsonNode waterfall = body.path("waterfall_data");
        double cumulative = base;
        for (int i = 0; i < 3; i++) {
            JsonNode step = waterfall.path(i);
            assertThat(fieldNames(step)).containsExactly("feature_name", "contribution", "cumulative_value");
            assertThat(step.path("feature_name").asString())
                    .isEqualTo(importances.path(i).path("feature_name").asString());
            cumulative += step.path("contribution").asDouble();
            assertThat(step.path("cumulative_value").asDouble()).isEqualTo(cumulative);
        }
        assertThat(cumulative).isCloseTo(prediction, within(1e-9 * Math.abs(prediction)));

        // And the force data carries the same values with their sign
        JsonNode force = body.path("force_data");
        for (int i = 0; i < 3; i++) {
            JsonNode entry = force.path(i);
            assertThat(fieldNames(entry)).containsExactly("feature_name", "feature_value", "shap_value", "is_positive");
            assertThat(entry.path("feature_name").asString())
                    .isEqualTo(importances.path(i).path("feature_name").asString());
            assertThat(entry.path("feature_value").asDouble())
                    .isEqualTo(importances.path(i).path("value").asDouble());
            double shap = importances.path(i).path("contribution").asDouble();
            assertThat(entry.path("shap_value").asDouble()).isEqualTo(shap);
            assertThat(entry.path("is_positive").asBoolean()).isEqualTo(shap > 0);
        }

        JsonNode summary = body.path("summary");
        assertThat(fieldNames(summary)).containsExactly("top_3_features", "total_contribution", "explanation");
        assertThat(summary.path("top_3_features").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(expected.topFeatures());
        assertThat(summary.path("total_contribution").asDouble())
                .isCloseTo(prediction - base, within(1e-9 * Math.abs(prediction)));
        assertThat(summary.path("explanation").asString())
                .startsWith(String.format(java.util.Locale.ROOT, "The prediction of %.2f", prediction))
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
        String tenant = tenant();
        register(tenant, "gbm", "v1.0.0", "staging", ModelArtifacts.write(model));
        register(tenant, "profile", "v1.0.0", "staging", ModelArtifacts.write(profile()));
        register(tenant, "opaque", "v1.0.0", "staging", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Map<String, Object> row = features(new double[] {10, 3, 50});

        var noTenant = explainBody(tenant, "gbm", row);
        noTenant.remove("tenant_id");
        assertProblem(app.post("/ai/explain", noTenant), 422, "tenant_id");
        var noModel = explainBody(tenant, "gbm", row);
        noModel.remove("model_name");
        assertProblem(app.post("/ai/explain", noModel), 422, "model_name");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "tenant_id", "bad tenant!")),
                400,
                "tenant_id");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "model_name", "bad name")),
                400,
                "model_name");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "model_version", "1.0")),
                400,
                "model_version");

        Reply lime = app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "explanation_type", "lime"));
        assertProblem(lime, 422, "explanation_type");
        assertThat(lime.body().path("detail").asString())
                .contains("'lime' is not built")
                .contains("'shap'");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "explanation_type", "anchor")),
                422,
                "explanation_type");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "explanation_type", "magic")),
                422,
                "explanation_type");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "max_samples", 9)), 422, "max_samples");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "max_samples", 1001)),
                422,
                "max_samples");
        assertThat(app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "max_samples", 10))
                        .status())
                .isEqualTo(200);
        assertThat(app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "explanation_type", "shap"))
                        .status())
                .isEqualTo(200);

        Reply prediction = app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "prediction_id", "pred-123"));
        assertProblem(prediction, 422, "prediction_id");
        assertThat(prediction.body().path("detail").asString()).contains("no log of past predictions");
        var noFeatures = explainBody(tenant, "gbm", row);
        noFeatures.remove("input_features");
        assertProblem(app.post("/ai/explain", noFeatures), 422, "input_features");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "input_features", List.of(1, 2))),
                422,
                "input_features");
        var text = new LinkedHashMap<>(row);
        text.put("temperature", "warm");
        assertProblem(app.post("/ai/explain", explainBody(tenant, "gbm", text)), 422, "input_features.temperature");
        var missing = new LinkedHashMap<>(row);
        missing.remove("hour_of_day");
        Reply missingReply = app.post("/ai/explain", explainBody(tenant, "gbm", missing));
        assertProblem(missingReply, 422, "input_features.hour_of_day");
        assertThat(missingReply.body().path("detail").asString()).contains("[temperature, hour_of_day, humidity]");

        assertProblem(app.post("/ai/explain", explainBody(tenant, "nope", row)), 404, null);
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "model_version", "v9.9.9")), 404, null);
        assertProblem(app.post("/ai/explain", explainBody("other-" + tenant, "gbm", row)), 404, null);
        Reply seasonal = app.post("/ai/explain", explainBody(tenant, "profile", Map.of("hour_of_week", 3)));
        assertProblem(seasonal, 422, "model_name");
        assertThat(seasonal.body().path("detail").asString())
                .contains("seasonal_profile has no SHAP explanation")
                .contains("not a tree model");
        Reply opaque = app.post("/ai/explain", explainBody(tenant, "opaque", row));
        assertProblem(opaque, 422, "model_name");
        assertThat(opaque.body().path("detail").asString()).contains("not in the product's model format");

        assertProblem(app.postRaw("/ai/explain", "{\"tenant_id\":", "application/json"), 400, "$");
        assertProblem(
                app.post("/ai/explain", with(explainBody(tenant, "gbm", row), "max_samples", "many")),
                422,
                "max_samples");
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
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(fieldNames(body))
                .containsExactly(
                        "explanation_id",
                        "tenant_id",
                        "model_name",
                        "model_version",
                        "global_importances",
                        "samples_analyzed",
                        "generated_at");
        assertThat(body.path("explanation_id").asString()).startsWith("exp-global-");
        assertThat(body.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(body.path("model_name").asString()).isEqualTo("load-gbm");
        assertThat(body.path("model_version").asString()).isEqualTo("v1.2.0");
        assertThat(body.path("samples_analyzed").asInt()).isEqualTo(50);
        assertThat(Instant.parse(body.path("generated_at").asString())).isBetween(before, Instant.now());
        GlobalExplanation expected = Explainer.global(model, 50);
        JsonNode importances = body.path("global_importances");
        assertThat(importances.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            GlobalExplanation.Importance e = expected.importances().get(i);
            JsonNode entry = importances.path(i);
            assertThat(fieldNames(entry))
                    .containsExactly("feature_name", "mean_abs_shap", "mean_shap", "importance_rank");
            assertThat(entry.path("feature_name").asString()).isEqualTo(e.featureName());
            assertThat(entry.path("mean_abs_shap").asDouble()).isEqualTo(e.meanAbsShap());
            assertThat(entry.path("mean_shap").asDouble()).isEqualTo(e.meanShap());
            assertThat(entry.path("importance_rank").asInt()).isEqualTo(i + 1);
        }
        assertThat(importances.valueStream().map(n -> n.path("feature_name").asString()))
                .containsExactly("temperature", "hour_of_day", "humidity");

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

        var noTenant = globalBody(tenant, "gbm", 100);
        noTenant.remove("tenant_id");
        assertProblem(app.post("/ai/explain/global", noTenant), 422, "tenant_id");
        var noModel = globalBody(tenant, "gbm", 100);
        noModel.remove("model_name");
        assertProblem(app.post("/ai/explain/global", noModel), 422, "model_name");
        assertProblem(app.post("/ai/explain/global", globalBody(tenant, "gbm", 9)), 422, "dataset_sample_size");
        assertProblem(app.post("/ai/explain/global", globalBody(tenant, "gbm", 1001)), 422, "dataset_sample_size");
        assertProblem(
                app.post("/ai/explain/global", with(globalBody(tenant, "gbm", 100), "model_version", "x")),
                400,
                "model_version");
        assertProblem(app.post("/ai/explain/global", globalBody(tenant, "nope", 100)), 404, null);
        Reply seasonal = app.post("/ai/explain/global", globalBody(tenant, "profile", 100));
        assertProblem(seasonal, 422, "model_name");
        assertThat(seasonal.body().path("detail").asString()).contains("seasonal_profile has no SHAP explanation");
        Reply old = app.post("/ai/explain/global", globalBody(tenant, "old-gbm", 100));
        assertProblem(old, 422, "model_name");
        assertThat(old.body().path("detail").asString()).contains("keeps no reference rows");
        // the default sample size (100) is valid
        var defaults = globalBody(tenant, "gbm", 100);
        defaults.remove("dataset_sample_size");
        Reply ok = app.post("/ai/explain/global", defaults);
        assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
        assertThat(ok.body().path("samples_analyzed").asInt()).isEqualTo(100);
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

    private static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("%s", reply.body()).startsWith(PROBLEM_JSON);
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body().path("title").asString()).isNotBlank();
        assertThat(reply.body().path("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(reply.body().path("field").asString())
                    .as("%s", reply.body())
                    .isEqualTo(field);
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
     * shorter length, the payload without its trailing reference rows (int32 count + count * 3 float64).
     */
    private static byte[] withoutReferenceRows(QuantileForecastModel model) {
        byte[] v2 = ModelArtifacts.write(model);
        int kindLength = v2[8];
        int versionAt = 4 + 4 + 1 + kindLength;
        int payloadAt = versionAt + 4 + 8;
        int trailing = 4 + model.referenceRows().length * FEATURES.size() * 8;
        byte[] v1 = Arrays.copyOf(v2, v2.length - trailing);
        ByteBuffer.wrap(v1).putInt(versionAt, 1).putLong(versionAt + 4, v1.length - payloadAt);
        return v1;
    }
}
