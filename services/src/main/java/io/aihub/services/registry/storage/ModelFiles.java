package io.aihub.services.registry.storage;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The three files of one model version, as {@link ModelStorage#upload(ModelFiles)} stores them.
 *
 * <p>The arrays are not copied (an artifact may be large): do not change them after handing them over.
 *
 * @param tenant the owning tenant, the first path segment
 * @param model the model name, the second path segment
 * @param version the model version, the third path segment
 * @param artifact the serialized model, stored as {@code model.bin}
 * @param metadataJson the version's metadata document, stored as {@code metadata.json}
 * @param metricsJson the version's evaluation metrics document, stored as {@code metrics.json}
 */
public record ModelFiles(
        String tenant, String model, String version, byte[] artifact, byte[] metadataJson, byte[] metricsJson) {

    /** Equal when the coordinates and the contents of all three files are equal. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ModelFiles that
                && tenant.equals(that.tenant)
                && model.equals(that.model)
                && version.equals(that.version)
                && Arrays.equals(artifact, that.artifact)
                && Arrays.equals(metadataJson, that.metadataJson)
                && Arrays.equals(metricsJson, that.metricsJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                tenant,
                model,
                version,
                Arrays.hashCode(artifact),
                Arrays.hashCode(metadataJson),
                Arrays.hashCode(metricsJson));
    }

    /** The coordinates and the file sizes, not the contents. */
    @Override
    public String toString() {
        return "ModelFiles[tenant=" + tenant + ", model=" + model + ", version=" + version + ", artifact="
                + artifact.length + " bytes, metadataJson=" + metadataJson.length + " bytes, metricsJson="
                + metricsJson.length + " bytes]";
    }
}
