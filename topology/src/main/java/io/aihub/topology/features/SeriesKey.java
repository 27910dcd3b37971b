package io.aihub.topology.features;

import java.util.Objects;

/** One time series: a metric of an asset of a tenant. */
public record SeriesKey(String tenantId, String assetId, String metric) {

    private static final int MAX_ID_LENGTH = 128;

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
        // checked per record on the hot path, so by hand rather than with a regex
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !alphanumeric(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
