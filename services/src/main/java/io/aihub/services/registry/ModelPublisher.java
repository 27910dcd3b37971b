package io.aihub.services.registry;

import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.schemas.ModelVersion;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.TrainedModel;
import io.aihub.topology.registry.ModelId;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers models the application trains itself, through the same path as {@code POST /ai/models/register}
 * (reserve, upload to S3, commit), each as the next major version of its model name, then promotes it to production
 * if asked. The stream picks a production version up on its next record.
 */
@Service
public class ModelPublisher {

    private final ModelRegistry registry;
    private final JsonMapper json;

    ModelPublisher(ModelRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    /** The version registered and the stage it ended in. */
    public record Published(ModelId id, ModelStage stage) {}

    /**
     * Registers {@code model} in staging as the version after the latest of {@code tenantId:modelName} ({@code
     * v1.0.0} first, then {@code v2.0.0}, ...), with the given metadata.json and metrics.json contents.
     *
     * @param promote whether to promote it to production afterwards (the previous production version is archived)
     * @throws io.aihub.services.api.ProblemException if the registry refuses (e.g. 409 when another training of the
     *     same model registered that version first)
     * @throws io.aihub.services.query.StoreUnavailableException if no S3 storage is configured or the registry does
     *     not answer in time
     */
    public Published publish(
            String tenantId,
            String modelName,
            ModelType type,
            TrainedModel model,
            Map<String, Object> metadata,
            Map<String, Object> metrics,
            boolean promote) {
        var id = new ModelId(tenantId, modelName, nextVersion(tenantId, modelName));
        var registration = new ModelRegistry.Registration(
                id,
                type,
                ModelStage.staging,
                ModelArtifacts.write(model),
                json.writeValueAsString(metadata),
                json.writeValueAsString(metrics));
        ModelVersion registered =
                registry.register(registration, (modelId, version) -> ModelMetadata.json(json, modelId, version));
        if (!promote) {
            return new Published(id, registered.getStage());
        }
        registry.promote(id, ModelStage.production, "promoted on training (AIHUB_ML_AUTO_PROMOTE)");
        return new Published(id, ModelStage.production);
    }

    private String nextVersion(String tenantId, String modelName) {
        long major = registry.list(tenantId, modelName, null).stream()
                .map(m -> m.id().version())
                .max(ModelId.VERSION_ORDER)
                .map(v -> Long.parseLong(v.substring(1, v.indexOf('.'))))
                .orElse(0L);
        return "v" + (major + 1) + ".0.0";
    }
}
