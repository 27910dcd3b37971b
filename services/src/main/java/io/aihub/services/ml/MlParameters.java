package io.aihub.services.ml;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Violations;
import org.jspecify.annotations.Nullable;

/** Checks of the parameters both ML anomaly endpoints take: tenant, device and window. */
public final class MlParameters {

    private MlParameters() {}

    /** Adds violations for a missing or malformed {@code tenant_id} or device id. */
    public static void ids(@Nullable String tenantId, String device, Violations violations) {
        Ids.check(tenantId, "tenant_id", violations);
        Ids.check(device, "device_uuid", violations);
    }

    /**
     * The window in hours: {@code hours}, or {@code defaultHours} when absent; a violation unless it is between 1 and
     * {@code maxHours} (the raw history's retention).
     */
    public static int hours(@Nullable Integer hours, int defaultHours, long maxHours, Violations violations) {
        int value = hours == null ? defaultHours : hours;
        if (value < 1 || value > maxHours) {
            violations.add(
                    "hours",
                    "must be between 1 and " + maxHours + " (the raw history's retention, AIHUB_FEATURES_RETENTION),"
                            + " got " + value);
        }
        return value;
    }
}
