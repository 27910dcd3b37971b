package io.aihub.services.registry;

import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryReply;
import io.aihub.services.api.FieldViolation;
import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.RequestRejectedException;
import io.aihub.services.api.Violations;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.registry.ModelId;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ai/models/*}, as documented: register, get, list, promote, delete. Validation errors answer 422 naming
 * the field; a malformed model id or stage answers 400, as documented.
 */
@RestController
class ModelRegistryController {

    static final int MAX_LIST_LIMIT = 1000;

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]");

    private final ModelRegistry registry;
    private final JsonMapper json;
    private final long maxArtifactBytes;

    ModelRegistryController(ModelRegistry registry, JsonMapper json, AihubProperties settings) {
        this.registry = registry;
        this.json = json;
        this.maxArtifactBytes = settings.models().maxArtifactSize().toBytes();
    }

    @PostMapping(path = "/ai/models/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestBody RegisterModelRequest request) {
        var invalid = new Violations();
        var malformed = new Violations();
        required(request.tenantId(), "tenant_id", invalid);
        required(request.modelName(), "model_name", invalid);
        required(request.version(), "version", invalid);
        ModelType type = null;
        if (required(request.modelType(), "model_type", invalid)) {
            type = Arrays.stream(ModelType.values())
                    .filter(t -> t.name().equals(request.modelType()))
                    .findFirst()
                    .orElse(null);
            if (type == null) {
                invalid.add("model_type", "must be one of " + Arrays.toString(ModelType.values()));
            }
        }
        byte[] artifact = artifact(request.modelFile(), invalid);
        objectOrAbsent(request.metadata(), "metadata", invalid);
        objectOrAbsent(request.metrics(), "metrics", invalid);
        invalid.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid model registration");

        if (!ModelId.isValidTenant(request.tenantId())) {
            malformed.add("tenant_id", "must be 1-128 letters, digits, '.', '_' or '-', starting alphanumeric");
        }
        if (!ModelId.isValidName(request.modelName())) {
            malformed.add(
                    "model_name", "must be 1-" + ModelId.MAX_NAME_LENGTH + " letters, digits, hyphens or underscores");
        }
        if (!ModelId.isValidVersion(request.version())) {
            malformed.add("version", "must be a semantic version vMAJOR.MINOR.PATCH, e.g. v1.0.0");
        }
        ModelStage stage = request.stage() == null ? ModelStage.staging : stage(request.stage(), "stage", malformed);
        malformed.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid model_id format or stage");

        var id = new ModelId(request.tenantId(), request.modelName(), request.version());
        var registration = new ModelRegistry.Registration(
                id, type, stage, artifact, jsonText(request.metadata()), jsonText(request.metrics()));
        ModelVersion model =
                registry.register(registration, (modelId, version) -> ModelMetadata.json(json, modelId, version));
        var body = new LinkedHashMap<String, Object>();
        body.put("model_id", id.toString());
        body.put("tenant_id", id.tenantId());
        body.put("model_name", id.modelName());
        body.put("version", id.version());
        body.put("stage", model.getStage().name());
        body.put("storage_path", model.getStoragePath());
        body.put("registered_at", model.getRegisteredAt().toString());
        body.put("artifact", ModelMetadata.artifact(model));
        body.put("message", "Model registered successfully");
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @GetMapping("/ai/models/{modelId}")
    Map<String, Object> get(@PathVariable String modelId) {
        ModelId id = modelId(modelId);
        ModelVersion model = registry.find(id)
                .orElseThrow(() -> new NotFoundException("Model not found", "Model " + id + " not found"));
        var body = new LinkedHashMap<String, Object>();
        body.put("model_id", id.toString());
        body.put("tenant_id", id.tenantId());
        body.put("model_name", id.modelName());
        body.put("version", id.version());
        body.put("model_type", model.getModelType().name());
        body.put("stage", model.getStage().name());
        body.put("registered_at", model.getRegisteredAt().toString());
        body.put("stage_changed_at", model.getStageChangedAt().toString());
        body.put("storage_path", model.getStoragePath());
        body.put("artifact", ModelMetadata.artifact(model));
        body.put("metadata", json.readTree(model.getMetadataJson()));
        body.put("metrics", json.readTree(model.getMetricsJson()));
        return body;
    }

    @GetMapping({"/ai/models/", "/ai/models"})
    Map<String, Object> list(
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "model_name", required = false) @Nullable String modelName,
            @RequestParam(name = "stage", required = false) @Nullable String stage,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        var invalid = new Violations();
        if (required(tenantId, "tenant_id", invalid) && !ModelId.isValidTenant(tenantId)) {
            invalid.add("tenant_id", "is not a valid tenant id");
        }
        if (modelName != null && !ModelId.isValidName(modelName)) {
            invalid.add("model_name", "must be letters, digits, hyphens or underscores");
        }
        ModelStage stageFilter = stage == null ? null : stage(stage, "stage", invalid);
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            invalid.add("limit", "must be between 1 and " + MAX_LIST_LIMIT);
        }
        invalid.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid model query");

        List<ModelRegistry.ModelVersionOf> found = registry.list(tenantId, modelName, stageFilter);
        var models = found.stream()
                .limit(limit)
                .map(m -> {
                    var entry = new LinkedHashMap<String, Object>();
                    entry.put("model_id", m.id().toString());
                    entry.put("model_name", m.id().modelName());
                    entry.put("version", m.id().version());
                    entry.put("model_type", m.version().getModelType().name());
                    entry.put("stage", m.version().getStage().name());
                    entry.put("registered_at", m.version().getRegisteredAt().toString());
                    return entry;
                })
                .toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("models", models);
        body.put("total", found.size());
        body.put("limit", limit);
        return body;
    }

    @PutMapping(path = "/ai/models/{modelId}/promote", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> promote(@PathVariable String modelId, @RequestBody PromoteModelRequest request) {
        ModelId id = modelId(modelId);
        var invalid = new Violations();
        required(request.targetStage(), "target_stage", invalid);
        invalid.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid promotion");
        var malformed = new Violations();
        ModelStage target = stage(request.targetStage(), "target_stage", malformed);
        malformed.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid stage");

        RegistryReply reply = registry.promote(id, target, request.reason());
        var body = new LinkedHashMap<String, Object>();
        body.put("model_id", id.toString());
        body.put(
                "previous_stage",
                reply.getPreviousStage() == null
                        ? null
                        : reply.getPreviousStage().name());
        body.put("new_stage", target.name());
        body.put("promoted_at", reply.getAt().toString());
        body.put("archived_model_id", reply.getArchivedModelId());
        body.put("message", "Model promoted successfully");
        return body;
    }

    @DeleteMapping("/ai/models/{modelId}")
    Map<String, Object> delete(
            @PathVariable String modelId, @RequestParam(name = "force", defaultValue = "false") boolean force) {
        ModelId id = modelId(modelId);
        RegistryReply reply = registry.delete(id, force);
        var body = new LinkedHashMap<String, Object>();
        body.put("model_id", id.toString());
        body.put(
                "previous_stage",
                reply.getPreviousStage() == null
                        ? null
                        : reply.getPreviousStage().name());
        body.put("deleted_at", reply.getAt().toString());
        body.put("message", "Model deleted successfully");
        return body;
    }

    private static ModelId modelId(String text) {
        return ModelId.parse(text)
                .orElseThrow(() -> new RequestRejectedException(
                        HttpStatus.BAD_REQUEST,
                        "Invalid model_id format",
                        List.of(new FieldViolation(
                                "model_id",
                                "must be {tenant_id}:{model_name}:{version}, e.g. tenant-123:forecast-lstm:v1.0.0"))));
    }

    private static @Nullable ModelStage stage(String text, String field, Violations violations) {
        for (ModelStage stage : ModelStage.values()) {
            if (stage.name().equals(text)) {
                return stage;
            }
        }
        violations.add(field, "must be one of staging, production, archived");
        return null;
    }

    private static boolean required(@Nullable String value, String field, Violations violations) {
        if (value == null || value.isBlank()) {
            violations.add(field, "is required");
            return false;
        }
        return true;
    }

    private byte[] artifact(@Nullable String base64, Violations violations) {
        if (!required(base64, "model_file", violations)) {
            return new byte[0];
        }
        long decodedSize = (long) base64.length() * 3 / 4;
        if (decodedSize > maxArtifactBytes + 3) {
            violations.add(
                    "model_file",
                    "is larger than the artifact limit of " + maxArtifactBytes
                            + " bytes (AIHUB_MODELS_MAX_ARTIFACT_SIZE)");
            return new byte[0];
        }
        try {
            // strict: only the base64 alphabet and padding, wrapped lines allowed; the MIME decoder would skip any
            // other character and accept e.g. "hello world!" as a 7-byte artifact
            byte[] bytes =
                    Base64.getDecoder().decode(LINE_BREAKS.matcher(base64).replaceAll(""));
            if (bytes.length == 0) {
                violations.add("model_file", "must not be empty");
            } else if (bytes.length > maxArtifactBytes) {
                violations.add("model_file", "is larger than the artifact limit of " + maxArtifactBytes + " bytes");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            violations.add("model_file", "is not valid base64: " + e.getMessage());
            return new byte[0];
        }
    }

    private static void objectOrAbsent(@Nullable JsonNode node, String field, Violations violations) {
        if (node != null && !node.isNull() && !node.isObject()) {
            violations.add(field, "must be a JSON object");
        }
    }

    private String jsonText(@Nullable JsonNode node) {
        return node == null || node.isNull() ? "{}" : json.writeValueAsString(node);
    }
}
