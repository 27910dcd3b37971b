package io.aihub.services.ml;

import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.registry.ModelId;
import java.nio.charset.StandardCharsets;

/** The registry name of a device's isolation forest: one model name per device, one version per training. */
final class DeviceModels {

    static final String PREFIX = "iforest-";

    private DeviceModels() {}

    /**
     * {@code iforest-<device>}; a device id that is not a valid model name (a '.' in it, or too long) is replaced by
     * the first 32 hex digits of its SHA-256, so that two devices never share a model name.
     */
    static String modelName(String deviceId) {
        String plain = PREFIX + deviceId;
        return ModelId.isValidName(plain)
                ? plain
                : PREFIX
                        + ModelArtifacts.sha256Hex(deviceId.getBytes(StandardCharsets.UTF_8))
                                .substring(0, 32);
    }
}
