package io.aihub.services.forecast;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Violations;
import io.aihub.services.ml.MlParameters;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A validated {@code POST /ml/forecasts/train/{device}?field=&hours=[&tenant_id=]} request.
 *
 * @param field the device's metric to forecast
 * @param hours the training window: the series' readings of its last {@code hours} hours of event time
 */
record ForecastTrainQuery(String tenantId, String deviceId, String field, int hours) {

    /** Two weeks: a week of history for the model's weekly inputs, a week of issue times to learn from. */
    static final int DEFAULT_HOURS = 336;

    /**
     * Validates every parameter and names each one at fault.
     *
     * @param maxHours the raw history's retention in hours
     * @throws io.aihub.services.api.RequestRejectedException 422 with the violations
     */
    static ForecastTrainQuery validate(
            String tenantId, String deviceId, @Nullable String field, @Nullable Integer hours, long maxHours) {
        var violations = new Violations();
        MlParameters.ids(tenantId, deviceId, violations);
        if (field == null) {
            violations.add("field", "is required: the device's metric to forecast");
        } else {
            Ids.check(field, "field", violations);
        }
        int window = MlParameters.hours(hours, (int) Math.min(DEFAULT_HOURS, maxHours), maxHours, violations);
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid training request");
        return new ForecastTrainQuery(tenantId, deviceId, Objects.requireNonNull(field), window);
    }
}
