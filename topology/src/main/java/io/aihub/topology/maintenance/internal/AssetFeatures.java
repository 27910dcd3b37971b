package io.aihub.topology.maintenance.internal;

import static io.aihub.topology.maintenance.internal.Durations.HOUR;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AlarmSeverity;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.schemas.WorkOrderStatus;
import io.aihub.schemas.WorkOrderType;
import io.aihub.topology.maintenance.ViewRow;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The asset_features view of one asset, as of T = the newest event time among its latest asset event, its work
 * orders' latest versions and its alarms (README, "Feature views"). Absent when the asset has none of them.
 */
public final class AssetFeatures {

    private AssetFeatures() {}

    public static Optional<ViewRow> compute(
            @Nullable AssetEvent asset, List<WorkOrderEvent> workOrders, List<AlarmEvent> alarms) {
        long t = Long.MIN_VALUE;
        if (asset != null) {
            t = asset.getTimestamp().toEpochMilli();
        }
        for (WorkOrderEvent w : workOrders) {
            t = Math.max(t, w.getTimestamp().toEpochMilli());
        }
        for (AlarmEvent a : alarms) {
            t = Math.max(t, a.getTimestamp().toEpochMilli());
        }
        if (t == Long.MIN_VALUE) {
            return Optional.empty();
        }
        Map<String, @Nullable Object> v = new HashMap<>();
        v.put("asset_type", asset == null ? null : asset.getAssetType());
        v.put("asset_status", asset == null ? null : asset.getAssetStatus());
        v.put("manufacturer", asset == null ? null : asset.getManufacturer());
        v.put("model", asset == null ? null : asset.getModel());
        v.put("installed_capacity_kw", asset == null ? null : asset.getInstalledCapacityKw());
        v.put("health_score", asset == null ? null : asset.getHealthScore());
        Long age = null;
        if (asset != null && asset.getInstallationDate() != null) {
            long installed = asset.getInstallationDate().toEpochMilli();
            age = installed > t
                    ? null
                    : ChronoUnit.MONTHS.between(
                            asset.getInstallationDate().atZone(ZoneOffset.UTC),
                            java.time.Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC));
        }
        v.put("asset_age_months", age);
        long corrective = 0;
        long preventive = 0;
        long lastCompleted = Long.MIN_VALUE;
        long lastCorrective = Long.MIN_VALUE;
        double repairHours = 0;
        long repairs = 0;
        var failures = new java.util.ArrayList<Long>();
        for (WorkOrderEvent w : workOrders) {
            long created = w.getCreatedAt().toEpochMilli();
            if (w.getType() == WorkOrderType.CORRECTIVE) {
                corrective++;
                lastCorrective = Math.max(lastCorrective, created);
                failures.add(created);
                if (completed(w)) {
                    repairHours += (w.getCompletedAt().toEpochMilli() - created) / (double) HOUR;
                    repairs++;
                }
            } else if (w.getType() == WorkOrderType.PREVENTIVE) {
                preventive++;
            }
            if (completed(w)) {
                lastCompleted = Math.max(lastCompleted, w.getCompletedAt().toEpochMilli());
            }
        }
        v.put("total_work_orders", (long) workOrders.size());
        v.put("corrective_work_orders", corrective);
        v.put("preventive_work_orders", preventive);
        v.put("days_since_last_maintenance", daysSince(lastCompleted, t));
        v.put("days_since_last_corrective_wo", daysSince(lastCorrective, t));
        v.put("mttr_hours", repairs == 0 ? null : repairHours / repairs);
        failures.sort(null);
        v.put(
                "mtbf_hours",
                failures.size() < 2
                        ? null
                        : (failures.getLast() - failures.getFirst()) / (double) HOUR / (failures.size() - 1));
        long alarms30 = 0;
        long critical30 = 0;
        for (AlarmEvent a : alarms) {
            if (Durations.within(a.getTimestamp().toEpochMilli(), t, 30)) {
                alarms30++;
                if (a.getSeverity() == AlarmSeverity.CRITICAL) {
                    critical30++;
                }
            }
        }
        v.put("recent_alarms_30d", alarms30);
        v.put("recent_critical_alarms_30d", critical30);
        return Optional.of(new ViewRow(t, ordered(io.aihub.topology.maintenance.MaintenanceView.ASSET_FEATURES, v)));
    }

    static boolean completed(WorkOrderEvent w) {
        return w.getStatus() == WorkOrderStatus.COMPLETED && w.getCompletedAt() != null;
    }

    static @Nullable Double daysSince(long time, long asOf) {
        return time == Long.MIN_VALUE || time > asOf ? null : Durations.daysSince(time, asOf);
    }

    /** The values in the view's feature order; fails if a feature was not computed (a bug). */
    static Map<String, @Nullable Object> ordered(
            io.aihub.topology.maintenance.MaintenanceView view, Map<String, @Nullable Object> values) {
        Map<String, @Nullable Object> out = new java.util.LinkedHashMap<>();
        for (String f : view.features()) {
            if (!values.containsKey(f)) {
                throw new IllegalStateException(view.viewName() + " computed no value for " + f);
            }
            out.put(f, values.get(f));
        }
        return out;
    }
}
