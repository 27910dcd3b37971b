package io.aihub.topology.features;

import java.util.Objects;
import java.util.regex.Pattern;

/** One time series: a metric of an asset of a tenant. */
public record SeriesKey(String tenantId, String assetId, String metric) {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    public SeriesKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(metric, "metric");
    }

    /** The Kafka record key of telemetry, weather and features: {@code tenantId:assetId}. */
    public String partitionKey() {
        return partitionKey(tenantId, assetId);
    }

    public static String partitionKey(String tenantId, String assetId) {
        return tenantId + ":" + assetId;
    }

    /** Whether {@code id} is a valid tenant, asset or metric id: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
