package io.aihub.services.registry;

import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.registry.ModelId;
import java.nio.charset.StandardCharsets;

/** Registry names of the models the application trains itself: one model name per subject, one version per training. */
public final class ModelNames {

    private ModelNames() {}

    /**
     * {@code <prefix><subject>}; a subject that would not make a valid model name (a '.' in it, or too long) is
     * replaced by the first 32 hex digits of its SHA-256, so that two subjects never share a model name.
     */
    public static String of(String prefix, String subject) {
        String plain = prefix + subject;
        return ModelId.isValidName(plain)
                ? plain
                : prefix
                        + ModelArtifacts.sha256Hex(subject.getBytes(StandardCharsets.UTF_8))
                                .substring(0, 32);
    }
}
