package io.aihub.topology.models;

import java.util.Optional;

/**
 * The model kinds the artifact format knows, each with its id (written in the artifact header) and the newest
 * version of its payload encoding. A kind's payload version is bumped on any change of its encoding; readers keep
 * reading every older version.
 */
public enum ModelKind {
    /** {@link IsolationForestModel}: smile's isolation forest plus the training score distribution. */
    ISOLATION_FOREST(IsolationForestModel.KIND, 1),
    /**
     * {@link QuantileForecastModel}: one smile gradient tree boost per quantile (p10, p50, p90), plus reference rows
     * (v2) and an interval calibration by lead (v3).
     */
    GRADIENT_BOOST_QUANTILES(QuantileForecastModel.KIND, 4),
    /** {@link SeasonalProfileModel}: robust hour-of-week profile, no smile. */
    SEASONAL_PROFILE(SeasonalProfileModel.KIND, 1);

    private final String id;
    private final int payloadVersion;

    ModelKind(String id, int payloadVersion) {
        this.id = id;
        this.payloadVersion = payloadVersion;
    }

    /** The id written in artifacts and returned by {@link TrainedModel#kind()}. */
    public String id() {
        return id;
    }

    /** The payload version this code writes, and the newest it reads. */
    public int payloadVersion() {
        return payloadVersion;
    }

    /** The kind with this id, if this reader knows it. */
    public static Optional<ModelKind> byId(String id) {
        for (ModelKind kind : values()) {
            if (kind.id.equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
