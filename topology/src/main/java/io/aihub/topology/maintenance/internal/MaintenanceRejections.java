package io.aihub.topology.maintenance.internal;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.Rejection;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Why an asset, work-order or alarm event is dead-lettered; null when it is acceptable. */
final class MaintenanceRejections {

    private MaintenanceRejections() {}

    static @Nullable Rejection ofAsset(@Nullable String key, AssetEvent e) {
        Rejection ids = Rejection.ofIds(
                key, e.getTenantId(), e.getAssetId(), e.getTimestamp().toEpochMilli());
        if (ids != null) {
            return ids;
        }
        Double capacity = e.getInstalledCapacityKw();
        if (capacity != null && !Double.isFinite(capacity)) {
            return new Rejection(
                    DeadLetterReason.NON_FINITE_VALUE, "installed_capacity_kw must be finite, was " + capacity);
        }
        if (capacity != null && capacity <= 0) {
            return new Rejection(DeadLetterReason.INVALID_VALUE, "installed_capacity_kw must be > 0, was " + capacity);
        }
        Double health = e.getHealthScore();
        if (health != null && !(health >= 0 && health <= 100)) {
            return new Rejection(DeadLetterReason.INVALID_VALUE, "health_score must be 0-100, was " + health);
        }
        return notNegative("installation_date", e.getInstallationDate());
    }

    static @Nullable Rejection ofWorkOrder(@Nullable String key, WorkOrderEvent e) {
        Rejection ids = Rejection.ofIds(
                key, e.getTenantId(), e.getAssetId(), e.getTimestamp().toEpochMilli());
        if (ids != null) {
            return ids;
        }
        if (!SeriesKey.isValidId(e.getWorkOrderId())) {
            return Rejection.invalidId("work_order_id", e.getWorkOrderId());
        }
        Rejection times = notNegative("created_at", e.getCreatedAt());
        if (times == null) {
            times = notNegative("due_at", e.getDueAt());
        }
        if (times == null) {
            times = notNegative("completed_at", e.getCompletedAt());
        }
        if (times == null && e.getCompletedAt() != null && e.getCompletedAt().isBefore(e.getCreatedAt())) {
            times = new Rejection(
                    DeadLetterReason.INVALID_VALUE,
                    "completed_at " + e.getCompletedAt() + " is before created_at " + e.getCreatedAt());
        }
        return times;
    }

    static @Nullable Rejection ofAlarm(@Nullable String key, AlarmEvent e) {
        Rejection ids = Rejection.ofIds(
                key, e.getTenantId(), e.getAssetId(), e.getTimestamp().toEpochMilli());
        if (ids != null) {
            return ids;
        }
        return SeriesKey.isValidId(e.getAlarmId()) ? null : Rejection.invalidId("alarm_id", e.getAlarmId());
    }

    private static @Nullable Rejection notNegative(String field, @Nullable Instant time) {
        return time == null || time.toEpochMilli() >= 0
                ? null
                : new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be >= 0, was " + time.toEpochMilli());
    }
}
