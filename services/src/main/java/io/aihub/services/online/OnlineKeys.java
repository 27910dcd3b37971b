package io.aihub.services.online;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Redis keys of the online store. Ids match {@code [A-Za-z0-9][A-Za-z0-9._-]*}: they hold neither {@code :} nor a
 * glob character, so a tenant's and asset's keys never collide with another's and {@link #assetPattern} matches
 * exactly one asset of one tenant.
 *
 * <ul>
 *   <li>{@code features:{tenant_id}:{asset_id}:{hour}}, e.g. {@code features:tenant-123:meter-001:2025-10-09T14:00:00Z}
 *       (the reference's key, the timestamp truncated to the UTC hour): a hash, field {@code metric} = the series'
 *       newest still-exact vector of that hour as JSON.
 *   <li>{@code features:{tenant_id}:{asset_id}:latest}: a hash, field {@code metric} = the series' newest vector (absent
 *       while an out-of-order reading has made it stale), field {@code metric:applied} = {@code "watermark partition
 *       offset"} of the last vector applied.
 * </ul>
 */
public final class OnlineKeys {

    static final String PREFIX = "features:";
    static final String LATEST = "latest";
    static final String APPLIED_SUFFIX = ":applied";

    private OnlineKeys() {}

    /** {@code features:{tenant}:{asset}:} — every key of the asset starts with it. */
    public static String assetPrefix(String tenantId, String assetId) {
        return PREFIX + tenantId + ':' + assetId + ':';
    }

    /** The hour key of an instant: {@code features:{tenant}:{asset}:2025-10-09T14:00:00Z}. */
    public static String hourKey(String tenantId, String assetId, Instant at) {
        return assetPrefix(tenantId, assetId) + at.truncatedTo(ChronoUnit.HOURS);
    }

    /** The asset's latest key: {@code features:{tenant}:{asset}:latest}. */
    public static String latestKey(String tenantId, String assetId) {
        return assetPrefix(tenantId, assetId) + LATEST;
    }

    /** The SCAN pattern of every key of one asset of one tenant. */
    static String assetPattern(String tenantId, String assetId) {
        return assetPrefix(tenantId, assetId) + '*';
    }

    /** The latest key's field holding the series' applied marker. */
    static String appliedField(String metric) {
        return metric + APPLIED_SUFFIX;
    }
}
