package io.aihub.services.ml;

import io.aihub.services.api.Violations;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A validated {@code GET /ml/anomalies/detect/{device}} request.
 *
 * @param hours the window: the device's last {@code hours} hours of event time, back from its newest reading
 */
record DetectQuery(String tenantId, String deviceId, int hours) {

    static final int DEFAULT_HOURS = 24;

    /**
     * Validates every parameter and names each one at fault.
     *
     * @param maxHours the raw history's retention in hours
     * @throws io.aihub.services.api.RequestRejectedException 422 with the violations
     */
    static DetectQuery validate(@Nullable String tenantId, String deviceId, @Nullable Integer hours, long maxHours) {
        var violations = new Violations();
        MlParameters.ids(tenantId, deviceId, violations);
        int window = MlParameters.hours(hours, DEFAULT_HOURS, maxHours, violations);
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid detection request");
        return new DetectQuery(Objects.requireNonNull(tenantId), deviceId, window);
    }
}
