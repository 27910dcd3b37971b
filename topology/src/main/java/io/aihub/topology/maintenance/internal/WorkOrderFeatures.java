package io.aihub.topology.maintenance.internal;

import static io.aihub.topology.maintenance.internal.Durations.DAY;
import static io.aihub.topology.maintenance.internal.Durations.HOUR;
import static io.aihub.topology.maintenance.internal.Durations.within;

import io.aihub.schemas.WorkOrderEvent;
import io.aihub.schemas.WorkOrderPriority;
import io.aihub.schemas.WorkOrderStatus;
import io.aihub.schemas.WorkOrderType;
import io.aihub.topology.maintenance.MaintenanceView;
import io.aihub.topology.maintenance.ViewRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The work_order_features view of one asset, as of T = the newest event time among its work orders' latest
 * versions; windows are {@code (T - N days, T]} on created_at (README, "Feature views"). Absent without work orders.
 */
public final class WorkOrderFeatures {

    private WorkOrderFeatures() {}

    public static Optional<ViewRow> compute(List<WorkOrderEvent> workOrders) {
        if (workOrders.isEmpty()) {
            return Optional.empty();
        }
        long t = Long.MIN_VALUE;
        for (WorkOrderEvent w : workOrders) {
            t = Math.max(t, w.getTimestamp().toEpochMilli());
        }
        Map<String, @Nullable Object> v = new HashMap<>();
        for (int days : new int[] {7, 30, 90, 365}) {
            v.put("wo_count_" + days + "d", count(workOrders, t, days, null));
        }
        for (int days : new int[] {7, 30, 90}) {
            v.put("corrective_wo_count_" + days + "d", count(workOrders, t, days, WorkOrderType.CORRECTIVE));
        }
        for (int days : new int[] {30, 90}) {
            v.put("preventive_wo_count_" + days + "d", count(workOrders, t, days, WorkOrderType.PREVENTIVE));
            v.put("emergency_wo_count_" + days + "d", count(workOrders, t, days, WorkOrderType.EMERGENCY));
        }
        double hours = 0;
        long completedIn30 = 0;
        long created30 = 0;
        long createdCompleted30 = 0;
        long overdue = 0;
        long critical = 0;
        long high = 0;
        long lastCreated = Long.MIN_VALUE;
        long lastCorrective = Long.MIN_VALUE;
        for (WorkOrderEvent w : workOrders) {
            long created = w.getCreatedAt().toEpochMilli();
            if (created <= t) {
                lastCreated = Math.max(lastCreated, created);
                if (w.getType() == WorkOrderType.CORRECTIVE) {
                    lastCorrective = Math.max(lastCorrective, created);
                }
            }
            boolean done = AssetFeatures.completed(w);
            if (done && within(w.getCompletedAt().toEpochMilli(), t, 30)) {
                hours += (w.getCompletedAt().toEpochMilli() - created) / (double) HOUR;
                completedIn30++;
            }
            if (!within(created, t, 30)) {
                continue;
            }
            critical += w.getPriority() == WorkOrderPriority.CRITICAL ? 1 : 0;
            high += w.getPriority() == WorkOrderPriority.HIGH ? 1 : 0;
            if (w.getStatus() == WorkOrderStatus.CANCELLED) {
                continue;
            }
            created30++;
            createdCompleted30 += done ? 1 : 0;
            if (w.getDueAt() != null) {
                long due = w.getDueAt().toEpochMilli();
                boolean late = done ? w.getCompletedAt().toEpochMilli() > due : due < t;
                overdue += late ? 1 : 0;
            }
        }
        v.put("avg_wo_completion_hours_30d", completedIn30 == 0 ? null : hours / completedIn30);
        v.put("overdue_wo_count_30d", overdue);
        v.put("wo_completion_rate_30d", Durations.ratio(createdCompleted30, created30));
        v.put("critical_wo_count_30d", critical);
        v.put("high_priority_wo_count_30d", high);
        long c30 = (long) v.get("wo_count_30d");
        long c90 = (long) v.get("wo_count_90d");
        v.put("wo_count_trend_30d_vs_90d", Durations.ratio(c30, c90 / 3.0));
        v.put("corrective_wo_ratio_30d", Durations.ratio((long) v.get("corrective_wo_count_30d"), c30));
        v.put("repeat_failure_count_90d", repeatFailures(workOrders, t));
        v.put("days_since_last_wo", AssetFeatures.daysSince(lastCreated, t));
        v.put("days_since_last_corrective_wo", AssetFeatures.daysSince(lastCorrective, t));
        return Optional.of(new ViewRow(t, AssetFeatures.ordered(MaintenanceView.WORK_ORDER_FEATURES, v)));
    }

    private static long count(List<WorkOrderEvent> workOrders, long t, int days, @Nullable WorkOrderType type) {
        long n = 0;
        for (WorkOrderEvent w : workOrders) {
            if ((type == null || w.getType() == type) && within(w.getCreatedAt().toEpochMilli(), t, days)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Corrective work orders created in {@code (T - 90d, T]} whose failure_code is that of an earlier corrective work
     * order (by created_at, then work_order_id) created no more than 90 days before it.
     */
    private static long repeatFailures(List<WorkOrderEvent> workOrders, long t) {
        var corrective = new ArrayList<WorkOrderEvent>();
        for (WorkOrderEvent w : workOrders) {
            if (w.getType() == WorkOrderType.CORRECTIVE && w.getFailureCode() != null) {
                corrective.add(w);
            }
        }
        corrective.sort(
                Comparator.comparing(WorkOrderEvent::getCreatedAt).thenComparing(WorkOrderEvent::getWorkOrderId));
        long repeats = 0;
        for (int i = 0; i < corrective.size(); i++) {
            WorkOrderEvent w = corrective.get(i);
            long created = w.getCreatedAt().toEpochMilli();
            if (!within(created, t, 90)) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                WorkOrderEvent earlier = corrective.get(j);
                if (created - earlier.getCreatedAt().toEpochMilli() > 90 * DAY) {
                    break;
                }
                if (w.getFailureCode().equals(earlier.getFailureCode())) {
                    repeats++;
                    break;
                }
            }
        }
        return repeats;
    }
}
