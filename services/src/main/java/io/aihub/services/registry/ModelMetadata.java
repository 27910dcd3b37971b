package io.aihub.services.registry;

import io.aihub.schemas.ModelVersion;
import io.aihub.topology.registry.ModelId;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The registry's descriptions of a version: its {@code artifact} object and its {@code metadata.json}. */
final class ModelMetadata {

    private ModelMetadata() {}

    /** The {@code artifact} object of the API's answers: file, sha256, size and kind. */
    static Map<String, Object> artifact(ModelVersion model) {
        var artifact = new LinkedHashMap<String, Object>();
        artifact.put("file", "model.bin");
        artifact.put("sha256", model.getArtifactSha256());
        artifact.put("size_bytes", model.getArtifactSize());
        artifact.put("kind", model.getArtifactKind());
        return artifact;
    }

    /** metadata.json: the caller's metadata plus the registry's own fields, which win over same-named keys. */
    static byte[] json(JsonMapper json, ModelId id, ModelVersion model) {
        JsonNode given = json.readTree(model.getMetadataJson());
        ObjectNode metadata = given.isObject() ? ((ObjectNode) given).deepCopy() : json.createObjectNode();
        metadata.put("model_id", id.toString());
        metadata.put("tenant_id", id.tenantId());
        metadata.put("model_name", id.modelName());
        metadata.put("version", id.version());
        metadata.put("model_type", model.getModelType().name());
        metadata.put("registered_at", model.getRegisteredAt().toString());
        metadata.set("artifact", json.valueToTree(artifact(model)));
        return json.writeValueAsBytes(metadata);
    }
}
