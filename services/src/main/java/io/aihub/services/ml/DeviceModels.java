package io.aihub.services.ml;

import io.aihub.services.registry.ModelNames;

/** The registry name of a device's isolation forest: one model name per device, one version per training. */
final class DeviceModels {

    static final String PREFIX = "iforest-";

    private DeviceModels() {}

    /** {@code iforest-<device>}, or {@code iforest-} and a hash of the device id if that is not a valid name. */
    static String modelName(String deviceId) {
        return ModelNames.of(PREFIX, deviceId);
    }
}
