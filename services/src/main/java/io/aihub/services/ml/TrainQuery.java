package io.aihub.services.ml;

import io.aihub.services.api.Violations;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A validated {@code POST /ml/anomalies/train/{device}} request.
 *
 * @param hours the training window: the device's readings of its last {@code hours} hours of event time
 * @param contamination the expected anomaly rate, in (0, 0.5]: the score threshold is the training scores'
 *     {@code 1 - contamination} quantile
 */
record TrainQuery(String tenantId, String deviceId, int hours, double contamination) {

    static final int DEFAULT_HOURS = 168;
    static final double MAX_CONTAMINATION = 0.5;

    /**
     * Validates every parameter and names each one at fault.
     *
     * @param maxHours the raw history's retention in hours
     * @param defaultContamination {@code AIHUB_ML_CONTAMINATION}
     * @throws io.aihub.services.api.RequestRejectedException 422 with the violations
     */
    static TrainQuery validate(
            @Nullable String tenantId,
            String deviceId,
            @Nullable Integer hours,
            @Nullable Double contamination,
            long maxHours,
            double defaultContamination) {
        var violations = new Violations();
        MlParameters.ids(tenantId, deviceId, violations);
        int window = MlParameters.hours(hours, (int) Math.min(DEFAULT_HOURS, maxHours), maxHours, violations);
        double rate = contamination == null ? defaultContamination : contamination;
        if (!(rate > 0 && rate <= MAX_CONTAMINATION)) {
            violations.add("contamination", "must be in (0, " + MAX_CONTAMINATION + "], got " + rate);
        }
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid training request");
        return new TrainQuery(Objects.requireNonNull(tenantId), deviceId, window, rate);
    }
}
