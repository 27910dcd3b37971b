package io.aihub.services.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.aihub.services.registry.storage.FailingBlobStore;
import io.aihub.services.standalone.EmbeddedS3;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.Problems;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.models.ModelArtifacts;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model registry REST API end to end: JSON → registry commands on the real broker → the registry topology →
 * the global store, with the artifacts in a real S3 server (S3Proxy). Every test works on its own tenant, so the
 * tests share one application instance; the restart and upload-failure tests start instances of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelRegistryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration READY = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Random random = new Random(20251009);

    private String bucket;
    private AppInstance app;
    private MinioClient s3;

    @BeforeAll
    void start() {
        String applicationId = SharedInfrastructure.uniqueApplicationId("model-registry");
        bucket = "models-" + applicationId;
        app = AppInstance.start(
                applicationId, SharedInfrastructure.uniquePrefix("model-registry"), Map.of("aihub.s3.bucket", bucket));
        s3 = minio(SharedInfrastructure.s3());
        awaitRunning(app);
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    // --- 1. registration ------------------------------------------------------------------------------------------

    @Test
    void shouldRegisterAModelAndStoreItsThreeFilesAtTheDocumentedKeys() throws Exception {
        // Given the documented registration
        String tenant = tenant("reg");
        byte[] artifact = randomBytes(4096);
        Map<String, Object> request = registration(tenant, "forecast-lstm", "v1.0.0", "forecast", artifact);
        request.put("stage", "staging");
        Instant before = Instant.now();

        // When it is registered
        Reply reply = app.post("/ai/models/register", request);

        // Then 201 with every documented field
        Instant after = Instant.now();
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode body = reply.body();
        String modelId = tenant + ":forecast-lstm:v1.0.0";
        String storagePath = "s3://" + bucket + "/" + tenant + "/forecast-lstm/v1.0.0/";
        String sha256 = ModelArtifacts.sha256Hex(artifact);
        assertThat(body.path("model_id").asString()).isEqualTo(modelId);
        assertThat(body.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(body.path("model_name").asString()).isEqualTo("forecast-lstm");
        assertThat(body.path("version").asString()).isEqualTo("v1.0.0");
        assertThat(body.path("stage").asString()).isEqualTo("staging");
        assertThat(body.path("storage_path").asString()).isEqualTo(storagePath);
        Instant registeredAt = Instant.parse(body.path("registered_at").asString());
        assertThat(registeredAt).isBetween(before.minusMillis(1), after);
        assertThat(body.path("message").asString()).isEqualTo("Model registered successfully");
        assertThat(body.path("artifact").path("file").asString()).isEqualTo("model.bin");
        assertThat(body.path("artifact").path("sha256").asString()).isEqualTo(sha256);
        assertThat(body.path("artifact").path("size_bytes").asLong()).isEqualTo(4096);

        // And GET answers the model as sent
        Reply got = app.get("/ai/models/" + modelId);
        assertThat(got.status()).as("%s", got.body()).isEqualTo(200);
        JsonNode model = got.body();
        assertThat(model.path("model_id").asString()).isEqualTo(modelId);
        assertThat(model.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(model.path("model_name").asString()).isEqualTo("forecast-lstm");
        assertThat(model.path("version").asString()).isEqualTo("v1.0.0");
        assertThat(model.path("model_type").asString()).isEqualTo("forecast");
        assertThat(model.path("stage").asString()).isEqualTo("staging");
        assertThat(model.path("registered_at").asString())
                .isEqualTo(body.path("registered_at").asString());
        assertThat(model.path("stage_changed_at").asString())
                .isEqualTo(body.path("registered_at").asString());
        assertThat(model.path("storage_path").asString()).isEqualTo(storagePath);
        assertThat(model.path("metadata")).isEqualTo(JSON.valueToTree(request.get("metadata")));
        assertThat(model.path("metrics")).isEqualTo(JSON.valueToTree(request.get("metrics")));
        assertThat(model.path("artifact").path("sha256").asString()).isEqualTo(sha256);
        assertThat(model.path("artifact").path("size_bytes").asLong()).isEqualTo(4096);

        // And the three files are in S3 at exactly the documented keys
        String prefix = tenant + "/forecast-lstm/v1.0.0/";
        assertThat(keys(bucket, tenant + "/"))
                .containsExactly(prefix + "metadata.json", prefix + "metrics.json", prefix + "model.bin");
        assertThat(read(bucket, prefix + "model.bin")).isEqualTo(artifact);
        JsonNode metrics = JSON.readTree(read(bucket, prefix + "metrics.json"));
        assertThat(metrics).isEqualTo(JSON.valueToTree(request.get("metrics")));
        JsonNode metadata = JSON.readTree(read(bucket, prefix + "metadata.json"));
        JsonNode sent = JSON.valueToTree(request.get("metadata"));
        for (var field : sent.properties()) {
            assertThat(metadata.path(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
        }
        assertThat(metadata.path("model_id").asString()).isEqualTo(modelId);
        assertThat(metadata.path("model_type").asString()).isEqualTo("forecast");
        assertThat(metadata.path("artifact").path("sha256").asString()).isEqualTo(sha256);
        assertThat(metadata.path("artifact").path("size_bytes").asLong()).isEqualTo(4096);
        // the registration time in metadata.json is the one the registry answers
        assertThat(metadata.path("registered_at").asString())
                .isEqualTo(body.path("registered_at").asString());
    }

    @Test
    void shouldDefaultToStagingAndAcceptARegistrationWithoutMetadataOrMetrics() throws Exception {
        String tenant = tenant("defaults");
        byte[] artifact = randomBytes(300);
        Map<String, Object> request = registration(tenant, "bare", "v0.1.0", "anomaly", artifact);
        request.remove("metadata");
        request.remove("metrics");
        // base64 wrapped in lines of 76 characters, as MIME encoders write it
        String wrapped = Base64.getMimeEncoder().encodeToString(artifact);
        assertThat(wrapped).contains("\r\n");
        request.put("model_file", wrapped);

        JsonNode body = registered(app, request);

        assertThat(body.path("stage").asString()).isEqualTo("staging");
        JsonNode model = app.get("/ai/models/" + tenant + ":bare:v0.1.0").body();
        assertThat(model.path("model_type").asString()).isEqualTo("anomaly");
        assertThat(model.path("metadata")).isEqualTo(JSON.createObjectNode());
        assertThat(model.path("metrics")).isEqualTo(JSON.createObjectNode());
        assertThat(JSON.readTree(read(bucket, tenant + "/bare/v0.1.0/metrics.json")))
                .isEqualTo(JSON.createObjectNode());
        assertThat(read(bucket, tenant + "/bare/v0.1.0/model.bin")).isEqualTo(artifact);
    }

    // --- 2. validation --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tenant_id", "model_name", "version", "model_type", "model_file"})
    void shouldRefuseARegistrationWithoutARequiredFieldNamingIt(String field) throws Exception {
        String tenant = tenant("missing");
        Map<String, Object> request = registration(tenant, "churn", "v1.0.0", "classification", randomBytes(10));
        request.remove(field);

        Reply reply = app.post("/ai/models/register", request);

        assertProblem(reply, 422, field);
        assertThat(reply.body().path("errors").findValuesAsString("field")).containsExactly(field);
        assertNothingRegistered(tenant);
    }

    @Test
    void shouldNameEveryMissingFieldOfAnEmptyRegistration() {
        Reply reply = app.post("/ai/models/register", Map.of());

        assertProblem(reply, 422, "tenant_id");
        assertThat(reply.body().path("errors").findValuesAsString("field"))
                .containsExactly("tenant_id", "model_name", "version", "model_type", "model_file");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"not base64!", "hello world!", "AAAA====", "%%%%", "data:application/octet-stream;base64,AAAA"})
    void shouldRefuseAModelFileThatIsNotBase64(String modelFile) throws Exception {
        String tenant = tenant("base64");
        Map<String, Object> request = registration(tenant, "churn", "v1.0.0", "classification", randomBytes(10));
        request.put("model_file", modelFile);

        Reply reply = app.post("/ai/models/register", request);

        assertProblem(reply, 422, "model_file");
        assertNothingRegistered(tenant);
    }

    @Test
    void shouldRefuseAnUnknownModelTypeOrNonObjectMetadata() throws Exception {
        String tenant = tenant("type");
        Map<String, Object> request = registration(tenant, "churn", "v1.0.0", "regression", randomBytes(10));
        Reply reply = app.post("/ai/models/register", request);
        assertProblem(reply, 422, "model_type");
        assertThat(reply.body().path("detail").asString()).contains("forecast", "anomaly", "optimization");

        request = registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(10));
        request.put("metadata", "LSTM");
        assertProblem(app.post("/ai/models/register", request), 422, "metadata");

        request = registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(10));
        request.put("metrics", List.of(1, 2));
        assertProblem(app.post("/ai/models/register", request), 422, "metrics");
        assertNothingRegistered(tenant);
    }

    @Test
    void shouldRefuseAMalformedVersionNameTenantOrStageWith400() throws Exception {
        String tenant = tenant("malformed");
        for (String version : List.of("1.0.0", "v1.0", "v1.0.0-beta", "v01.0.0", "V1.0.0")) {
            Map<String, Object> request = registration(tenant, "churn", version, "forecast", randomBytes(10));
            assertProblem(app.post("/ai/models/register", request), 400, "version");
        }
        for (String name : List.of("my model", "churn/v2", "churn:v2")) {
            Map<String, Object> request = registration(tenant, name, "v1.0.0", "forecast", randomBytes(10));
            assertProblem(app.post("/ai/models/register", request), 400, "model_name");
        }
        Map<String, Object> badTenant = registration("bad tenant", "churn", "v1.0.0", "forecast", randomBytes(10));
        assertProblem(app.post("/ai/models/register", badTenant), 400, "tenant_id");
        for (String stage : List.of("live", "Production", "")) {
            Map<String, Object> request = registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(10));
            request.put("stage", stage);
            assertProblem(app.post("/ai/models/register", request), 400, "stage");
        }
        assertNothingRegistered(tenant);
    }

    @Test
    void shouldRefuseAMalformedModelIdInEveryPathWith400() {
        for (String modelId :
                List.of("tenant-1:churn:1.0.0", "tenant-1:churn", "tenant-1:my%20model:v1.0.0", "a:b:c:d", "churn")) {
            assertProblem(app.get("/ai/models/" + modelId), 400, "model_id");
            assertProblem(
                    app.put("/ai/models/" + modelId + "/promote", Map.of("target_stage", "production")),
                    400,
                    "model_id");
            assertProblem(app.delete("/ai/models/" + modelId), 400, "model_id");
        }
    }

    @Test
    void shouldRefuseAPromotionWithoutOrWithAnUnknownTargetStage() {
        String tenant = tenant("target");
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(10)));
        String path = "/ai/models/" + tenant + ":churn:v1.0.0/promote";

        assertProblem(app.put(path, Map.of("reason", "no target")), 422, "target_stage");
        assertProblem(app.put(path, Map.of("target_stage", "live")), 400, "target_stage");
        assertThat(stageOf(app, tenant + ":churn:v1.0.0")).isEqualTo("staging");
    }

    @Test
    void shouldAnswer404ForAnUnknownModel() {
        String tenant = tenant("unknown");
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(10)));

        for (String modelId :
                List.of(tenant + ":churn:v1.0.1", tenant + ":other:v1.0.0", tenant("nobody") + ":churn:v1.0.0")) {
            Reply reply = app.get("/ai/models/" + modelId);
            assertThat(reply.status()).as(modelId).isEqualTo(404);
            assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(reply.body().path("title").asString()).isEqualTo("Model not found");
            assertThat(reply.body().path("detail").asString()).contains(modelId);
        }
    }

    @Test
    void shouldRefuseADuplicateRegistrationWith409AndKeepTheFirst() throws Exception {
        // Given a registered version
        String tenant = tenant("dup");
        byte[] first = randomBytes(100);
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", first));

        // When the same version is registered again, with another artifact, type and stage
        Map<String, Object> again = registration(tenant, "churn", "v1.0.0", "anomaly", randomBytes(200));
        again.put("stage", "production");
        Reply reply = app.post("/ai/models/register", again);

        // Then 409, and the first registration is untouched, in the registry and in S3
        assertProblem(reply, 409, "version");
        assertThat(reply.body().path("title").asString()).isEqualTo("Model version conflict");
        JsonNode model = app.get("/ai/models/" + tenant + ":churn:v1.0.0").body();
        assertThat(model.path("model_type").asString()).isEqualTo("forecast");
        assertThat(model.path("stage").asString()).isEqualTo("staging");
        assertThat(model.path("artifact").path("sha256").asString()).isEqualTo(ModelArtifacts.sha256Hex(first));
        assertThat(read(bucket, tenant + "/churn/v1.0.0/model.bin")).isEqualTo(first);
        assertThat(list(app, "?tenant_id=" + tenant).path("total").asInt()).isEqualTo(1);
    }

    // --- 3. list --------------------------------------------------------------------------------------------------

    @Test
    void shouldListATenantsModelsFilteredOrderedAndLimited() {
        // Given versions of three models of one tenant (registered out of order), and models of similar tenants
        String tenant = tenant("list");
        String other = tenant + "2";
        String prefixed = tenant + "-x";
        var registeredAt = new LinkedHashMap<String, String>();
        ModelRegistryIT.<JsonNode>parallel(List.of(
                        () -> registered(
                                app, registration(tenant, "forecast-a", "v1.10.0", "forecast", randomBytes(8))),
                        () -> registered(app, registration(tenant, "forecast-a", "v1.9.0", "forecast", randomBytes(8))),
                        () -> registered(app, registration(tenant, "forecast-a", "v1.2.0", "forecast", randomBytes(8))),
                        () -> registered(app, registration(tenant, "zeta", "v2.0.0", "optimization", randomBytes(8))),
                        () -> {
                            var request = registration(tenant, "anomaly-b", "v1.0.0", "anomaly", randomBytes(8));
                            request.put("stage", "production");
                            return registered(app, request);
                        },
                        () -> registered(app, registration(other, "forecast-a", "v1.0.0", "forecast", randomBytes(8))),
                        () -> registered(
                                app, registration(prefixed, "forecast-a", "v1.1.0", "forecast", randomBytes(8)))))
                .forEach(body -> registeredAt.put(
                        body.path("model_id").asString(),
                        body.path("registered_at").asString()));

        // When the tenant's models are listed (the documented path, with its trailing slash)
        JsonNode all = list(app, "/?tenant_id=" + tenant);

        // Then all five, by model name then version number, and nothing of the other tenants
        assertThat(all.path("models").findValuesAsString("model_id"))
                .containsExactly(
                        tenant + ":anomaly-b:v1.0.0",
                        tenant + ":forecast-a:v1.2.0",
                        tenant + ":forecast-a:v1.9.0",
                        tenant + ":forecast-a:v1.10.0",
                        tenant + ":zeta:v2.0.0");
        assertThat(all.path("total").asInt()).isEqualTo(5);
        assertThat(all.path("limit").asInt()).isEqualTo(100);
        JsonNode first = all.path("models").get(0);
        assertThat(first.path("model_name").asString()).isEqualTo("anomaly-b");
        assertThat(first.path("version").asString()).isEqualTo("v1.0.0");
        assertThat(first.path("model_type").asString()).isEqualTo("anomaly");
        assertThat(first.path("stage").asString()).isEqualTo("production");
        for (JsonNode entry : all.path("models")) {
            assertThat(entry.path("registered_at").asString())
                    .isEqualTo(registeredAt.get(entry.path("model_id").asString()));
        }
        // the same without the trailing slash
        assertThat(list(app, "?tenant_id=" + tenant)).isEqualTo(all);

        // And the filters, alone and combined
        assertThat(list(app, "?tenant_id=" + tenant + "&model_name=forecast-a")
                        .path("models")
                        .findValuesAsString("version"))
                .containsExactly("v1.2.0", "v1.9.0", "v1.10.0");
        JsonNode production = list(app, "?tenant_id=" + tenant + "&stage=production");
        assertThat(production.path("models").findValuesAsString("model_id"))
                .containsExactly(tenant + ":anomaly-b:v1.0.0");
        assertThat(production.path("total").asInt()).isEqualTo(1);
        assertThat(list(app, "?tenant_id=" + tenant + "&model_name=forecast-a&stage=staging")
                        .path("total")
                        .asInt())
                .isEqualTo(3);
        assertThat(list(app, "?tenant_id=" + tenant + "&model_name=forecast-a&stage=production")
                        .path("models"))
                .isEmpty();
        JsonNode none = list(app, "?tenant_id=" + tenant + "&model_name=nothing");
        assertThat(none.path("models")).isEmpty();
        assertThat(none.path("total").asInt()).isZero();

        // And limit cuts the page, while total counts every match
        JsonNode limited = list(app, "?tenant_id=" + tenant + "&limit=2");
        assertThat(limited.path("models").findValuesAsString("model_id"))
                .containsExactly(tenant + ":anomaly-b:v1.0.0", tenant + ":forecast-a:v1.2.0");
        assertThat(limited.path("total").asInt()).isEqualTo(5);
        assertThat(limited.path("limit").asInt()).isEqualTo(2);
        assertThat(list(app, "?tenant_id=" + tenant + "&limit=1").path("models"))
                .hasSize(1);
        assertThat(list(app, "?tenant_id=" + tenant + "&limit=1000").path("models"))
                .hasSize(5);

        // And the other tenants see only their own
        assertThat(list(app, "?tenant_id=" + other).path("models").findValuesAsString("model_id"))
                .containsExactly(other + ":forecast-a:v1.0.0");
        assertThat(list(app, "?tenant_id=" + prefixed).path("models").findValuesAsString("model_id"))
                .containsExactly(prefixed + ":forecast-a:v1.1.0");
    }

    @Test
    void shouldRefuseAListWithoutTenantOrWithALimitOutOfRange() {
        String tenant = tenant("listbad");
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(8)));

        assertProblem(app.get("/ai/models/"), 422, "tenant_id");
        assertProblem(app.get("/ai/models?model_name=churn"), 422, "tenant_id");
        for (String limit : List.of("0", "1001", "-1")) {
            assertProblem(app.get("/ai/models?tenant_id=" + tenant + "&limit=" + limit), 422, "limit");
        }
        // a malformed tenant or model name, or an unknown stage, in the filters is a validation error of the query
        assertProblem(app.get("/ai/models?tenant_id=bad%20tenant"), 422, "tenant_id");
        assertProblem(app.get("/ai/models?tenant_id=" + tenant + "&model_name=my%20model"), 422, "model_name");
        assertProblem(app.get("/ai/models?tenant_id=" + tenant + "&stage=live"), 422, "stage");
    }

    @Test
    void shouldRefuseAWronglyTypedParameterOrFieldWith422NamingIt() {
        // a query parameter that is not a number, and a body field of the wrong JSON type, are validation errors
        String tenant = tenant("types");
        Reply limit = app.get("/ai/models?tenant_id=" + tenant + "&limit=many");
        Map<String, Object> request = registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(8));
        request.put("tenant_id", List.of(tenant));
        Reply field = app.post("/ai/models/register", request);

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(limit.status()).as("limit=many: %s", limit.body()).isEqualTo(422);
            soft.assertThat(limit.body().path("field").asString())
                    .as("limit=many: %s", limit.body())
                    .isEqualTo("limit");
            soft.assertThat(field.status())
                    .as("tenant_id array: %s", field.body())
                    .isEqualTo(422);
            soft.assertThat(field.body().path("field").asString())
                    .as("tenant_id array: %s", field.body())
                    .isEqualTo("tenant_id");
        });
        assertThat(limit.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(field.header("Content-Type")).startsWith(PROBLEM_JSON);
    }

    // --- 4. stage transitions -------------------------------------------------------------------------------------

    @Test
    void shouldAcceptEachDocumentedTransition() {
        String tenant = tenant("moves");
        registered(app, registration(tenant, "flow", "v1.0.0", "forecast", randomBytes(8)));
        registered(app, registration(tenant, "flow", "v1.1.0", "forecast", randomBytes(8)));
        String v1 = tenant + ":flow:v1.0.0";
        String v11 = tenant + ":flow:v1.1.0";

        JsonNode toProduction = promoted(app, v1, "production", "staging");
        assertThat(toProduction.path("archived_model_id").isNull()).isTrue();
        assertThat(app.get("/ai/models/" + v1).body().path("stage_changed_at").asString())
                .isEqualTo(toProduction.path("promoted_at").asString());

        promoted(app, v1, "archived", "production");
        promoted(app, v11, "archived", "staging");

        assertThat(list(app, "?tenant_id=" + tenant + "&stage=archived")
                        .path("models")
                        .findValuesAsString("model_id"))
                .containsExactly(v1, v11);
    }

    @Test
    void shouldRefuseEveryOtherTransitionWith400AndChangeNothing() {
        // Given one version in each stage
        String tenant = tenant("refused");
        var archivedRequest = registration(tenant, "flow", "v1.0.0", "forecast", randomBytes(8));
        archivedRequest.put("stage", "archived");
        var productionRequest = registration(tenant, "flow", "v2.0.0", "forecast", randomBytes(8));
        productionRequest.put("stage", "production");
        registered(app, archivedRequest);
        registered(app, productionRequest);
        registered(app, registration(tenant, "flow", "v3.0.0", "forecast", randomBytes(8)));
        String archived = tenant + ":flow:v1.0.0";
        String production = tenant + ":flow:v2.0.0";
        String staging = tenant + ":flow:v3.0.0";
        JsonNode before = list(app, "?tenant_id=" + tenant);

        // When and Then each transition not documented is refused, naming the stages
        refused(archived, "production", "archived");
        refused(archived, "staging", "archived");
        refused(archived, "archived", "archived");
        refused(production, "staging", "production");
        refused(production, "production", "production");
        refused(staging, "staging", "staging");

        // And nothing changed
        assertThat(list(app, "?tenant_id=" + tenant)).isEqualTo(before);
        assertThat(stageOf(app, archived)).isEqualTo("archived");
        assertThat(stageOf(app, production)).isEqualTo("production");
        assertThat(stageOf(app, staging)).isEqualTo("staging");
    }

    @Test
    void shouldAnswer404WhenPromotingAnUnknownModel() {
        String tenant = tenant("promote404");
        registered(app, registration(tenant, "flow", "v1.0.0", "forecast", randomBytes(8)));

        for (String modelId : List.of(tenant + ":flow:v9.0.0", tenant + ":none:v1.0.0")) {
            Reply reply = app.put("/ai/models/" + modelId + "/promote", Map.of("target_stage", "production"));
            assertProblem(reply, 404, "model_id");
            assertThat(reply.body().path("title").asString()).isEqualTo("Model not found");
        }
        assertThat(stageOf(app, tenant + ":flow:v1.0.0")).isEqualTo("staging");
    }

    @Test
    void shouldArchiveThePreviousProductionVersionWhenAnotherIsPromoted() {
        String tenant = tenant("swap");
        registered(app, registration(tenant, "flow", "v1.0.0", "forecast", randomBytes(8)));
        registered(app, registration(tenant, "flow", "v2.0.0", "forecast", randomBytes(8)));
        String v1 = tenant + ":flow:v1.0.0";
        String v2 = tenant + ":flow:v2.0.0";
        promoted(app, v1, "production", "staging");

        JsonNode reply = promoted(app, v2, "production", "staging");

        assertThat(reply.path("archived_model_id").asString()).isEqualTo(v1);
        JsonNode old = app.get("/ai/models/" + v1).body();
        assertThat(old.path("stage").asString()).isEqualTo("archived");
        assertThat(old.path("stage_changed_at").asString())
                .isEqualTo(reply.path("promoted_at").asString());
        assertThat(stageOf(app, v2)).isEqualTo("production");
        assertThat(list(app, "?tenant_id=" + tenant + "&stage=production")
                        .path("models")
                        .findValuesAsString("model_id"))
                .containsExactly(v2);
    }

    @Test
    void shouldArchiveThePreviousProductionVersionWhenOneIsRegisteredInProduction() {
        String tenant = tenant("direct");
        var first = registration(tenant, "flow", "v1.0.0", "forecast", randomBytes(8));
        first.put("stage", "production");
        var second = registration(tenant, "flow", "v1.1.0", "forecast", randomBytes(8));
        second.put("stage", "production");
        assertThat(registered(app, first).path("stage").asString()).isEqualTo("production");

        JsonNode reply = registered(app, second);

        assertThat(reply.path("stage").asString()).isEqualTo("production");
        JsonNode old = app.get("/ai/models/" + tenant + ":flow:v1.0.0").body();
        assertThat(old.path("stage").asString()).isEqualTo("archived");
        assertThat(stageOf(app, tenant + ":flow:v1.1.0")).isEqualTo("production");
        assertThat(list(app, "?tenant_id=" + tenant + "&stage=production")
                        .path("models")
                        .findValuesAsString("version"))
                .containsExactly("v1.1.0");
    }

    // --- 5. delete ------------------------------------------------------------------------------------------------

    @Test
    void shouldDeleteAStagingVersionAndItsFiles() throws Exception {
        String tenant = tenant("del");
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(64)));
        registered(app, registration(tenant, "churn", "v1.1.0", "forecast", randomBytes(64)));
        String modelId = tenant + ":churn:v1.0.0";
        assertThat(keys(bucket, tenant + "/churn/v1.0.0/")).hasSize(3);

        Reply reply = app.delete("/ai/models/" + modelId);

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().path("model_id").asString()).isEqualTo(modelId);
        assertThat(reply.body().path("previous_stage").asString()).isEqualTo("staging");
        assertThat(reply.body().path("message").asString()).isEqualTo("Model deleted successfully");
        assertThat(Instant.parse(reply.body().path("deleted_at").asString()))
                .isCloseTo(Instant.now(), within(30, ChronoUnit.SECONDS));
        assertThat(app.get("/ai/models/" + modelId).status()).isEqualTo(404);
        assertThat(keys(bucket, tenant + "/churn/v1.0.0/")).isEmpty();
        // the other version is untouched
        assertThat(keys(bucket, tenant + "/churn/v1.1.0/")).hasSize(3);
        assertThat(list(app, "?tenant_id=" + tenant).path("models").findValuesAsString("version"))
                .containsExactly("v1.1.0");
        // deleting it again: it is gone
        assertProblem(app.delete("/ai/models/" + modelId), 404, "model_id");
    }

    @Test
    void shouldKeepAProductionVersionUnlessForced() throws Exception {
        String tenant = tenant("delprod");
        var request = registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(64));
        request.put("stage", "production");
        registered(app, request);
        String modelId = tenant + ":churn:v1.0.0";

        Reply refused = app.delete("/ai/models/" + modelId);
        assertProblem(refused, 400, "force");
        assertThat(refused.body().path("title").asString()).isEqualTo("Cannot delete production model");
        assertThat(stageOf(app, modelId)).isEqualTo("production");
        assertThat(keys(bucket, tenant + "/churn/v1.0.0/")).hasSize(3);
        assertProblem(app.delete("/ai/models/" + modelId + "?force=false"), 400, "force");

        Reply forced = app.delete("/ai/models/" + modelId + "?force=true");
        assertThat(forced.status()).as("%s", forced.body()).isEqualTo(200);
        assertThat(forced.body().path("previous_stage").asString()).isEqualTo("production");
        assertThat(app.get("/ai/models/" + modelId).status()).isEqualTo(404);
        assertThat(keys(bucket, tenant + "/")).isEmpty();
        assertThat(list(app, "?tenant_id=" + tenant).path("total").asInt()).isZero();

        // the version can be registered again once its last version is gone
        byte[] again = randomBytes(32);
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", again));
        assertThat(read(bucket, tenant + "/churn/v1.0.0/model.bin")).isEqualTo(again);
        assertThat(stageOf(app, modelId)).isEqualTo("staging");
    }

    @Test
    void shouldAnswer404WhenDeletingAnUnknownModel() {
        String tenant = tenant("del404");
        registered(app, registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(8)));

        for (String modelId : List.of(tenant + ":churn:v2.0.0", tenant + ":other:v1.0.0")) {
            Reply reply = app.delete("/ai/models/" + modelId + "?force=true");
            assertProblem(reply, 404, "model_id");
            assertThat(reply.body().path("title").asString()).isEqualTo("Model not found");
        }
        assertThat(stageOf(app, tenant + ":churn:v1.0.0")).isEqualTo("staging");
    }

    // --- 6. concurrency -------------------------------------------------------------------------------------------

    @Test
    void shouldLeaveExactlyOneProductionVersionWhenEightArePromotedAtOnce() {
        // Given eight staging versions of one model
        String tenant = tenant("race");
        List<String> ids = new ArrayList<>();
        List<Callable<JsonNode>> registrations = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String version = "v" + i + ".0.0";
            ids.add(tenant + ":flow:" + version);
            registrations.add(() -> registered(app, registration(tenant, "flow", version, "forecast", randomBytes(8))));
        }
        parallel(registrations);

        // When all eight are promoted to production at once
        List<Callable<Reply>> promotions = new ArrayList<>();
        for (String id : ids) {
            promotions.add(() -> app.put("/ai/models/" + id + "/promote", Map.of("target_stage", "production")));
        }
        List<Reply> replies = parallel(promotions);

        // Then every promotion was applied, one after the other: each archived the one before it
        for (Reply reply : replies) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
            assertThat(reply.body().path("previous_stage").asString()).isEqualTo("staging");
            assertThat(reply.body().path("new_stage").asString()).isEqualTo("production");
        }
        List<String> archivedByPromotion = replies.stream()
                .map(r -> r.body().path("archived_model_id"))
                .filter(node -> !node.isNull() && !node.isMissingNode())
                .map(JsonNode::asString)
                .toList();
        assertThat(archivedByPromotion).hasSize(7).doesNotHaveDuplicates();

        // And exactly one version is in production, the others archived
        JsonNode all = list(app, "?tenant_id=" + tenant);
        List<String> inProduction = new ArrayList<>();
        List<String> archived = new ArrayList<>();
        for (JsonNode entry : all.path("models")) {
            String stage = entry.path("stage").asString();
            if (stage.equals("production")) {
                inProduction.add(entry.path("model_id").asString());
            } else {
                assertThat(stage).isEqualTo("archived");
                archived.add(entry.path("model_id").asString());
            }
        }
        assertThat(inProduction).hasSize(1);
        assertThat(archived).hasSize(7);
        // the last one applied is the one in production: it is the only one no promotion archived
        assertThat(archivedByPromotion).containsExactlyInAnyOrderElementsOf(archived);
        for (String id : ids) {
            assertThat(stageOf(app, id)).isEqualTo(inProduction.contains(id) ? "production" : "archived");
        }
    }

    @Test
    void shouldRegisterAVersionOnceWhenTwoRequestsRaceForIt() throws Exception {
        String tenant = tenant("dupe-race");
        for (int round = 0; round < 3; round++) {
            // Given two registrations of the same version, with different artifacts
            String version = "v1.0." + round;
            byte[] left = randomBytes(256);
            byte[] right = randomBytes(256);

            // When both are sent at once
            List<Reply> replies = parallel(List.of(
                    () -> app.post("/ai/models/register", registration(tenant, "flow", version, "forecast", left)),
                    () -> app.post("/ai/models/register", registration(tenant, "flow", version, "forecast", right))));

            // Then exactly one is registered, the other refused with 409
            assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(201, 409);
            Reply conflict =
                    replies.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertProblem(conflict, 409, "version");
            byte[] winner = replies.getFirst().status() == 201 ? left : right;
            // And the registry and S3 hold the winner's artifact
            JsonNode model =
                    app.get("/ai/models/" + tenant + ":flow:" + version).body();
            assertThat(model.path("artifact").path("sha256").asString()).isEqualTo(ModelArtifacts.sha256Hex(winner));
            assertThat(read(bucket, tenant + "/flow/" + version + "/model.bin")).isEqualTo(winner);
        }
        assertThat(list(app, "?tenant_id=" + tenant).path("total").asInt()).isEqualTo(3);
    }

    // --- 7. restart and a second instance -------------------------------------------------------------------------

    @Test
    void shouldAnswerTheSameRegistryFromASecondInstanceAndAfterARestartWithAFreshStateDirectory() {
        String applicationId = SharedInfrastructure.uniqueApplicationId("registry-restart");
        String prefix = SharedInfrastructure.uniquePrefix("registry-restart");
        Map<String, Object> properties = Map.of("aihub.s3.bucket", "models-" + applicationId);
        String tenant = tenant("restart");
        List<String> ids = List.of(
                tenant + ":churn:v1.0.0",
                tenant + ":churn:v1.1.0",
                tenant + ":churn:v2.0.0",
                tenant + ":demand:v0.1.0");
        String demand = tenant + ":demand:v0.1.0";
        String deleted = tenant + ":scratch:v1.0.0";
        Map<String, JsonNode> models = new LinkedHashMap<>();
        JsonNode listed;

        // Given models registered, promoted and deleted through one instance
        try (var first = AppInstance.start(applicationId, prefix, properties)) {
            awaitRunning(first);
            registered(first, registration(tenant, "churn", "v1.0.0", "forecast", randomBytes(16)));
            registered(first, registration(tenant, "churn", "v1.1.0", "forecast", randomBytes(16)));
            registered(first, registration(tenant, "churn", "v2.0.0", "forecast", randomBytes(16)));
            registered(first, registration(tenant, "demand", "v0.1.0", "optimization", randomBytes(16)));
            registered(first, registration(tenant, "scratch", "v1.0.0", "anomaly", randomBytes(16)));
            promoted(first, tenant + ":churn:v1.0.0", "production", "staging");
            promoted(first, tenant + ":churn:v1.1.0", "production", "staging");
            promoted(first, tenant + ":churn:v2.0.0", "archived", "staging");
            assertThat(first.delete("/ai/models/" + deleted).status()).isEqualTo(200);
            JsonNode before = list(first, "?tenant_id=" + tenant);
            assertThat(before.path("models").findValuesAsString("stage"))
                    .containsExactly("archived", "production", "archived", "staging");

            // When a second instance of the same application starts
            try (var second = AppInstance.start(applicationId, prefix, properties)) {
                // Then it answers every read of what was registered through the first, identically, at once
                await().atMost(READY).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    Reply reply = second.get("/ai/models?tenant_id=" + tenant);
                    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
                    assertThat(reply.body()).isEqualTo(before);
                });
                for (String id : ids) {
                    assertThat(second.get("/ai/models/" + id).body())
                            .isEqualTo(first.get("/ai/models/" + id).body());
                }
                assertThat(second.get("/ai/models/" + deleted).status()).isEqualTo(404);

                // And once both run, a change made through the second (whichever instance applies it) is seen by both
                awaitRunning(first);
                awaitRunning(second);
                promoted(second, demand, "production", "staging");
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .untilAsserted(() -> assertThat(stageOf(first, demand)).isEqualTo("production"));
                assertThat(first.get("/ai/models/" + demand).body())
                        .isEqualTo(second.get("/ai/models/" + demand).body());
                second.leaveGroup();
            }
            for (String id : ids) {
                Reply reply = first.get("/ai/models/" + id);
                assertThat(reply.status()).isEqualTo(200);
                models.put(id, reply.body());
            }
            listed = list(first, "?tenant_id=" + tenant);
            first.leaveGroup();
        }

        // When a new instance starts with the same application, topics and bucket but an empty state directory
        try (var restarted = AppInstance.start(applicationId, prefix, properties)) {
            // Then its reads answer the same registry, rebuilt from the topic
            await().atMost(READY).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                Reply reply = restarted.get("/ai/models/?tenant_id=" + tenant);
                assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo(listed);
            });
            for (String id : ids) {
                Reply reply = restarted.get("/ai/models/" + id);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo(models.get(id));
            }
            assertThat(restarted.get("/ai/models/" + deleted).status()).isEqualTo(404);
            assertThat(list(restarted, "?tenant_id=" + tenant + "&stage=production")
                            .path("models")
                            .findValuesAsString("model_id"))
                    .containsExactly(tenant + ":churn:v1.1.0", demand);

            // And its writer applies the rules to the restored state
            awaitRunning(restarted);
            assertProblem(
                    restarted.put(
                            "/ai/models/" + tenant + ":churn:v1.0.0/promote", Map.of("target_stage", "production")),
                    400,
                    "target_stage");
            assertProblem(
                    restarted.post(
                            "/ai/models/register",
                            registration(tenant, "churn", "v1.1.0", "forecast", randomBytes(16))),
                    409,
                    "version");
            registered(restarted, registration(tenant, "scratch", "v1.0.0", "anomaly", randomBytes(16)));
            registered(restarted, registration(tenant, "churn", "v1.0.1", "forecast", randomBytes(16)));
            JsonNode swap = promoted(restarted, tenant + ":churn:v1.0.1", "production", "staging");
            assertThat(swap.path("archived_model_id").asString()).isEqualTo(tenant + ":churn:v1.1.0");
            restarted.leaveGroup();
        }
    }

    // --- 8. upload failure ----------------------------------------------------------------------------------------

    @Test
    void shouldLeaveNoTraceWhenAnUploadFailsAndReleaseTheVersion() throws Exception {
        var blobs = new AtomicReference<FailingBlobStore>();
        String applicationId = SharedInfrastructure.uniqueApplicationId("registry-upload-failure");
        String failingBucket = "models-" + applicationId;
        String tenant = tenant("upload");
        String modelId = tenant + ":churn:v1.0.0";
        try (var failingS3 = EmbeddedS3.inMemory()
                        .withBlobStoreDecorator(store -> {
                            var failing = new FailingBlobStore(store);
                            blobs.set(failing);
                            return failing;
                        })
                        .start();
                var failingClient = minio(failingS3);
                var instance = AppInstance.start(
                        applicationId,
                        SharedInfrastructure.uniquePrefix("registry-upload-failure"),
                        Map.of("aihub.s3.endpoint", failingS3.endpoint(), "aihub.s3.bucket", failingBucket))) {
            awaitRunning(instance);
            byte[] artifact = randomBytes(1024);
            var request = registration(tenant, "churn", "v1.0.0", "forecast", artifact);

            // Given a server that fails the upload of metrics.json, the last of the three files
            blobs.get().failUploadsEndingWith("metrics.json");
            Reply failed;
            try {
                // When the model is registered
                failed = instance.post("/ai/models/register", request);
            } finally {
                blobs.get().disarm();
            }

            // Then 500 "Upload failed" as problem JSON, and no trace: no record, nothing listed, no object
            assertProblem(failed, 500, "model_file");
            assertThat(failed.body().path("title").asString()).isEqualTo("Upload failed");
            assertThat(failed.body().path("detail").asString()).contains(modelId, "metrics.json");
            assertThat(instance.get("/ai/models/" + modelId).status()).isEqualTo(404);
            JsonNode listed = list(instance, "?tenant_id=" + tenant);
            assertThat(listed.path("models")).isEmpty();
            assertThat(listed.path("total").asInt()).isZero();
            assertThat(allKeys(failingClient, failingBucket, tenant + "/")).isEmpty();

            // When the server has recovered and the same registration is sent again
            Reply retried = instance.post("/ai/models/register", request);

            // Then it succeeds at once: the failed attempt released its reservation
            assertThat(retried.status()).as("%s", retried.body()).isEqualTo(201);
            assertThat(instance.get("/ai/models/" + modelId)
                            .body()
                            .path("artifact")
                            .path("sha256")
                            .asString())
                    .isEqualTo(ModelArtifacts.sha256Hex(artifact));
            String prefix = tenant + "/churn/v1.0.0/";
            assertThat(allKeys(failingClient, failingBucket, tenant + "/"))
                    .containsExactly(prefix + "metadata.json", prefix + "metrics.json", prefix + "model.bin");
            assertThat(read(failingClient, failingBucket, prefix + "model.bin")).isEqualTo(artifact);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private void refused(String modelId, String target, String from) {
        Reply reply = app.put("/ai/models/" + modelId + "/promote", Map.of("target_stage", target));
        assertProblem(reply, 400, "target_stage");
        assertThat(reply.body().path("title").asString()).isEqualTo("Invalid stage transition");
        assertThat(reply.body().path("detail").asString()).as(modelId).contains(from + " -> " + target);
    }

    /** A unique tenant id for one test. */
    private static String tenant(String purpose) {
        return "t-" + purpose + "-" + SEQUENCE.incrementAndGet();
    }

    /** The documented registration body, with the given coordinates and artifact. */
    private static Map<String, Object> registration(
            String tenant, String model, String version, String type, byte[] artifact) {
        var hyperparameters = new LinkedHashMap<String, Object>();
        hyperparameters.put("units", 128);
        hyperparameters.put("layers", 2);
        hyperparameters.put("dropout", 0.2);
        hyperparameters.put("learning_rate", 0.001);
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("algorithm", "LSTM");
        metadata.put("framework", "tensorflow");
        metadata.put("features", List.of("hour_of_day", "day_of_week", "temperature"));
        metadata.put("hyperparameters", hyperparameters);
        metadata.put("training_date", "2025-10-01T00:00:00Z");
        metadata.put("training_samples", 8760);
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("mae", 2.5);
        metrics.put("rmse", 3.8);
        metrics.put("mape", 0.05);
        metrics.put("r2_score", 0.92);
        metrics.put("training_time_seconds", 3600);
        metrics.put("dataset_size", 100000);
        var request = new LinkedHashMap<String, Object>();
        request.put("tenant_id", tenant);
        request.put("model_name", model);
        request.put("version", version);
        request.put("model_type", type);
        request.put("model_file", Base64.getEncoder().encodeToString(artifact));
        request.put("metadata", metadata);
        request.put("metrics", metrics);
        return request;
    }

    /** Registers and expects 201; returns the answer. */
    private static JsonNode registered(AppInstance instance, Map<String, Object> request) {
        Reply reply = instance.post("/ai/models/register", request);
        assertThat(reply.status())
                .as(
                        "register %s:%s:%s: %s",
                        request.get("tenant_id"), request.get("model_name"), request.get("version"), reply.body())
                .isEqualTo(201);
        return reply.body();
    }

    /** Promotes and expects 200 with the documented fields; returns the answer. */
    private static JsonNode promoted(AppInstance instance, String modelId, String target, String from) {
        Instant before = Instant.now();
        Reply reply =
                instance.put("/ai/models/" + modelId + "/promote", Map.of("target_stage", target, "reason", "test"));
        assertThat(reply.status())
                .as("promote %s to %s: %s", modelId, target, reply.body())
                .isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("model_id").asString()).isEqualTo(modelId);
        assertThat(body.path("previous_stage").asString()).isEqualTo(from);
        assertThat(body.path("new_stage").asString()).isEqualTo(target);
        assertThat(body.path("message").asString()).isEqualTo("Model promoted successfully");
        assertThat(Instant.parse(body.path("promoted_at").asString())).isBetween(before.minusMillis(1), Instant.now());
        assertThat(stageOf(instance, modelId)).isEqualTo(target);
        return body;
    }

    private static String stageOf(AppInstance instance, String modelId) {
        Reply reply = instance.get("/ai/models/" + modelId);
        assertThat(reply.status()).as("%s: %s", modelId, reply.body()).isEqualTo(200);
        return reply.body().path("stage").asString();
    }

    private static JsonNode list(AppInstance instance, String query) {
        Reply reply = instance.get("/ai/models" + query);
        assertThat(reply.status()).as("list %s: %s", query, reply.body()).isEqualTo(200);
        return reply.body();
    }

    private void assertNothingRegistered(String tenant) throws Exception {
        assertThat(list(app, "?tenant_id=" + tenant).path("total").asInt()).isZero();
        assertThat(keys(bucket, tenant + "/")).isEmpty();
    }

    private static void assertProblem(Reply reply, int status, String field) {
        Problems.assertProblem(reply, status, field);
    }

    private static void awaitRunning(AppInstance instance) {
        instance.awaitRunning(READY);
    }

    /** Runs the calls at once (released together by a latch) and returns their results in order. */
    private static <T> List<T> parallel(List<Callable<T>> calls) {
        var ready = new CountDownLatch(calls.size());
        var go = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(calls.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError("a parallel call failed", e);
        }
    }

    private synchronized byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static MinioClient minio(EmbeddedS3 server) {
        return MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey())
                .region("us-east-1")
                .build();
    }

    /** The object keys under {@code prefix} in the shared S3 server, sorted. */
    private List<String> keys(String bucketName, String prefix) throws Exception {
        return allKeys(s3, bucketName, prefix);
    }

    /** Every key under {@code prefix}, sorted; none if the bucket does not exist (yet). */
    private static List<String> allKeys(MinioClient client, String bucketName, String prefix) throws Exception {
        var keys = new ArrayList<String>();
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucketName).build())) {
            return keys;
        }
        for (var result : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucketName)
                .prefix(prefix)
                .recursive(true)
                .build())) {
            keys.add(result.get().objectName());
        }
        keys.sort(null);
        return keys;
    }

    private byte[] read(String bucketName, String key) throws Exception {
        return read(s3, bucketName, key);
    }

    private static byte[] read(MinioClient client, String bucketName, String key) throws Exception {
        try (var in = client.getObject(
                GetObjectArgs.builder().bucket(bucketName).object(key).build())) {
            return in.readAllBytes();
        }
    }
}
