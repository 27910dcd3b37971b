package io.aihub.topology.maintenance;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AlarmSeverity;
import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.schemas.WorkOrderPriority;
import io.aihub.schemas.WorkOrderStatus;
import io.aihub.schemas.WorkOrderType;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The maintenance views computed the slow, obvious way from every event of one asset (written from the README's
 * definitions, independently of the topology's classes): the reference the topology's answers are compared with.
 */
final class MaintenanceReference {

    static final long H = 3_600_000L;
    static final long D = 24 * H;

    record Reading(long t, String metric, double value) {}

    private MaintenanceReference() {}

    static <T> List<T> latestBy(
            Collection<T> events,
            java.util.function.Function<T, String> id,
            java.util.function.ToLongFunction<T> time) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T e : events) {
            T kept = out.get(id.apply(e));
            if (kept == null || time.applyAsLong(e) >= time.applyAsLong(kept)) {
                out.put(id.apply(e), e);
            }
        }
        return new ArrayList<>(out.values());
    }

    static boolean in(long time, long t, int days) {
        return time <= t && time > t - days * D;
    }

    static @Nullable Map<String, @Nullable Object> assetFeatures(
            List<AssetEvent> assetEvents,
            List<WorkOrderEvent> allVersions,
            List<AlarmEvent> allAlarms,
            long[] eventTime) {
        AssetEvent asset = assetEvents.stream()
                .max(Comparator.comparing(AssetEvent::getTimestamp))
                .orElse(null);
        List<WorkOrderEvent> wos = latestBy(
                allVersions,
                WorkOrderEvent::getWorkOrderId,
                w -> w.getTimestamp().toEpochMilli());
        List<AlarmEvent> alarms = latestBy(
                allAlarms, AlarmEvent::getAlarmId, a -> a.getTimestamp().toEpochMilli());
        var times = new ArrayList<Long>();
        if (asset != null) times.add(asset.getTimestamp().toEpochMilli());
        wos.forEach(w -> times.add(w.getTimestamp().toEpochMilli()));
        alarms.forEach(a -> times.add(a.getTimestamp().toEpochMilli()));
        if (times.isEmpty()) {
            return null;
        }
        long t = times.stream().mapToLong(Long::longValue).max().orElseThrow();
        eventTime[0] = t;
        Map<String, @Nullable Object> v = new HashMap<>();
        v.put("asset_type", asset == null ? null : asset.getAssetType());
        v.put("asset_status", asset == null ? null : asset.getAssetStatus());
        v.put("manufacturer", asset == null ? null : asset.getManufacturer());
        v.put("model", asset == null ? null : asset.getModel());
        v.put("installed_capacity_kw", asset == null ? null : asset.getInstalledCapacityKw());
        v.put("health_score", asset == null ? null : asset.getHealthScore());
        Long age = null;
        if (asset != null
                && asset.getInstallationDate() != null
                && !asset.getInstallationDate().isAfter(Instant.ofEpochMilli(t))) {
            var from = asset.getInstallationDate().atZone(ZoneOffset.UTC);
            var to = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
            long months = Period.between(from.toLocalDate(), to.toLocalDate()).toTotalMonths();
            if (from.plusMonths(months).isAfter(to)) months--; // a month is complete only at the same time of day
            age = months;
        }
        v.put("asset_age_months", age);
        List<WorkOrderEvent> corrective = wos.stream()
                .filter(w -> w.getType() == WorkOrderType.CORRECTIVE)
                .toList();
        v.put("total_work_orders", (long) wos.size());
        v.put("corrective_work_orders", (long) corrective.size());
        v.put(
                "preventive_work_orders",
                wos.stream()
                        .filter(w -> w.getType() == WorkOrderType.PREVENTIVE)
                        .count());
        v.put(
                "days_since_last_maintenance",
                daysSince(
                        wos.stream()
                                .filter(MaintenanceReference::done)
                                .map(w -> w.getCompletedAt().toEpochMilli())
                                .toList(),
                        t));
        v.put(
                "days_since_last_corrective_wo",
                daysSince(
                        corrective.stream()
                                .map(w -> w.getCreatedAt().toEpochMilli())
                                .toList(),
                        t));
        List<Double> repairs = corrective.stream()
                .filter(MaintenanceReference::done)
                .map(w -> (w.getCompletedAt().toEpochMilli() - w.getCreatedAt().toEpochMilli()) / (double) H)
                .toList();
        v.put(
                "mttr_hours",
                repairs.isEmpty()
                        ? null
                        : repairs.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow());
        List<Long> created = corrective.stream()
                .map(w -> w.getCreatedAt().toEpochMilli())
                .sorted()
                .toList();
        Double mtbf = null;
        if (created.size() >= 2) {
            double gaps = 0;
            for (int i = 1; i < created.size(); i++) gaps += (created.get(i) - created.get(i - 1)) / (double) H;
            mtbf = gaps / (created.size() - 1);
        }
        v.put("mtbf_hours", mtbf);
        v.put(
                "recent_alarms_30d",
                alarms.stream()
                        .filter(a -> in(a.getTimestamp().toEpochMilli(), t, 30))
                        .count());
        v.put(
                "recent_critical_alarms_30d",
                alarms.stream()
                        .filter(a -> a.getSeverity() == AlarmSeverity.CRITICAL
                                && in(a.getTimestamp().toEpochMilli(), t, 30))
                        .count());
        return v;
    }

    static @Nullable Map<String, @Nullable Object> workOrderFeatures(
            List<WorkOrderEvent> allVersions, long[] eventTime) {
        List<WorkOrderEvent> wos = latestBy(
                allVersions,
                WorkOrderEvent::getWorkOrderId,
                w -> w.getTimestamp().toEpochMilli());
        if (wos.isEmpty()) {
            return null;
        }
        long t = wos.stream()
                .mapToLong(w -> w.getTimestamp().toEpochMilli())
                .max()
                .orElseThrow();
        eventTime[0] = t;
        Map<String, @Nullable Object> v = new HashMap<>();
        for (int days : new int[] {7, 30, 90, 365}) v.put("wo_count_" + days + "d", count(wos, t, days, null));
        for (int days : new int[] {7, 30, 90})
            v.put("corrective_wo_count_" + days + "d", count(wos, t, days, WorkOrderType.CORRECTIVE));
        for (int days : new int[] {30, 90}) {
            v.put("preventive_wo_count_" + days + "d", count(wos, t, days, WorkOrderType.PREVENTIVE));
            v.put("emergency_wo_count_" + days + "d", count(wos, t, days, WorkOrderType.EMERGENCY));
        }
        List<Double> completion = wos.stream()
                .filter(w -> done(w) && in(w.getCompletedAt().toEpochMilli(), t, 30))
                .map(w -> (w.getCompletedAt().toEpochMilli() - w.getCreatedAt().toEpochMilli()) / (double) H)
                .toList();
        v.put(
                "avg_wo_completion_hours_30d",
                completion.isEmpty()
                        ? null
                        : completion.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow());
        List<WorkOrderEvent> recent = wos.stream()
                .filter(w -> in(w.getCreatedAt().toEpochMilli(), t, 30))
                .toList();
        List<WorkOrderEvent> live = recent.stream()
                .filter(w -> w.getStatus() != WorkOrderStatus.CANCELLED)
                .toList();
        v.put(
                "overdue_wo_count_30d",
                live.stream()
                        .filter(w -> w.getDueAt() != null
                                && (done(w)
                                        ? w.getCompletedAt().isAfter(w.getDueAt())
                                        : w.getDueAt().toEpochMilli() < t))
                        .count());
        v.put(
                "wo_completion_rate_30d",
                live.isEmpty()
                        ? null
                        : live.stream().filter(MaintenanceReference::done).count() / (double) live.size());
        v.put(
                "critical_wo_count_30d",
                recent.stream()
                        .filter(w -> w.getPriority() == WorkOrderPriority.CRITICAL)
                        .count());
        v.put(
                "high_priority_wo_count_30d",
                recent.stream()
                        .filter(w -> w.getPriority() == WorkOrderPriority.HIGH)
                        .count());
        long c30 = (long) v.get("wo_count_30d");
        long c90 = (long) v.get("wo_count_90d");
        v.put("wo_count_trend_30d_vs_90d", c90 == 0 ? null : c30 / (c90 / 3.0));
        v.put("corrective_wo_ratio_30d", c30 == 0 ? null : (long) v.get("corrective_wo_count_30d") / (double) c30);
        long repeats = 0;
        for (WorkOrderEvent w : wos) {
            if (w.getType() != WorkOrderType.CORRECTIVE
                    || w.getFailureCode() == null
                    || !in(w.getCreatedAt().toEpochMilli(), t, 90)) continue;
            long c = w.getCreatedAt().toEpochMilli();
            boolean repeat = wos.stream()
                    .anyMatch(e -> e != w
                            && e.getType() == WorkOrderType.CORRECTIVE
                            && w.getFailureCode().equals(e.getFailureCode())
                            && c - e.getCreatedAt().toEpochMilli() <= 90 * D
                            && (e.getCreatedAt().isBefore(w.getCreatedAt())
                                    || (e.getCreatedAt().equals(w.getCreatedAt())
                                            && e.getWorkOrderId().compareTo(w.getWorkOrderId()) < 0)));
            repeats += repeat ? 1 : 0;
        }
        v.put("repeat_failure_count_90d", repeats);
        v.put(
                "days_since_last_wo",
                daysSince(wos.stream().map(w -> w.getCreatedAt().toEpochMilli()).toList(), t));
        v.put(
                "days_since_last_corrective_wo",
                daysSince(
                        wos.stream()
                                .filter(w -> w.getType() == WorkOrderType.CORRECTIVE)
                                .map(w -> w.getCreatedAt().toEpochMilli())
                                .toList(),
                        t));
        return v;
    }

    static @Nullable Map<String, @Nullable Object> telemetryFeatures(
            List<Reading> readings, List<AssetEvent> assetEvents, List<AnomalyEvent> anomalies, long[] eventTime) {
        if (readings.isEmpty()) {
            return null;
        }
        long t = readings.stream().mapToLong(Reading::t).max().orElseThrow();
        eventTime[0] = t;
        long lastHour = Math.floorDiv(t, H) * H;
        Map<String, @Nullable Object> v = new HashMap<>();
        Map<String, List<String>> stats = Map.of(
                "power",
                List.of("avg", "std", "min", "max"),
                "voltage",
                List.of("avg", "std", "min", "max"),
                "current",
                List.of("avg", "std"),
                "temperature",
                List.of("avg", "std", "max"),
                "frequency",
                List.of("avg", "std"));
        stats.forEach((metric, names) -> {
            double[] xs = readings.stream()
                    .filter(r -> r.metric().equals(metric) && inHours(r.t(), lastHour, 7))
                    .mapToDouble(Reading::value)
                    .toArray();
            for (String s : names) {
                Double x = null;
                if (xs.length > 0) {
                    double mean = java.util.Arrays.stream(xs).sum() / xs.length;
                    x = switch (s) {
                        case "avg" -> mean;
                        case "min" -> java.util.Arrays.stream(xs).min().orElseThrow();
                        case "max" -> java.util.Arrays.stream(xs).max().orElseThrow();
                        default ->
                            xs.length < 2
                                    ? null
                                    : Math.sqrt(java.util.Arrays.stream(xs)
                                                    .map(y -> (y - mean) * (y - mean))
                                                    .sum()
                                            / (xs.length - 1));
                    };
                }
                v.put("rolling_" + s + "_" + metric + "_7d", x);
            }
        });
        Set<String> seen = new HashSet<>();
        List<AnomalyEvent> distinct = anomalies.stream()
                .filter(a -> seen.add(a.getTimestamp().toEpochMilli() + "/" + a.getMetric() + "/" + a.getMethod() + "/"
                        + a.getModelId()))
                .toList();
        long day = Math.floorDiv(t, D);
        for (int n : new int[] {7, 30, 90}) {
            v.put(
                    "anomaly_count_" + n + "d",
                    distinct.stream()
                            .filter(a -> {
                                long d = Math.floorDiv(a.getTimestamp().toEpochMilli(), D);
                                return d <= day && d > day - n;
                            })
                            .count());
        }
        Double capacity = assetEvents.stream()
                .max(Comparator.comparing(AssetEvent::getTimestamp))
                .map(AssetEvent::getInstalledCapacityKw)
                .orElse(null);
        for (int n : new int[] {7, 30}) {
            Map<Long, List<Double>> powerByHour = readings.stream()
                    .filter(r -> r.metric().equals("power") && inHours(r.t(), lastHour, n))
                    .collect(Collectors.groupingBy(
                            r -> Math.floorDiv(r.t(), H), Collectors.mapping(Reading::value, Collectors.toList())));
            Double kwh = powerByHour.isEmpty()
                    ? null
                    : powerByHour.values().stream()
                            .mapToDouble(l -> l.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .average()
                                    .orElseThrow())
                            .sum();
            v.put("total_generation_kwh_" + n + "d", kwh);
            v.put("capacity_factor_" + n + "d", kwh == null || capacity == null ? null : kwh / (capacity * 24 * n));
            long hours = readings.stream()
                    .filter(r -> inHours(r.t(), lastHour, n))
                    .map(r -> Math.floorDiv(r.t(), H))
                    .distinct()
                    .count();
            v.put("availability_" + n + "d", hours / (24.0 * n));
        }
        Double month = (Double) v.get("total_generation_kwh_30d");
        v.put("avg_daily_generation_kwh", month == null ? null : month / 30);
        return v;
    }

    private static boolean inHours(long time, long lastHour, int days) {
        return time >= lastHour - (24L * days - 1) * H && time < lastHour + H;
    }

    private static boolean done(WorkOrderEvent w) {
        return w.getStatus() == WorkOrderStatus.COMPLETED && w.getCompletedAt() != null;
    }

    private static long count(List<WorkOrderEvent> wos, long t, int days, @Nullable WorkOrderType type) {
        return wos.stream()
                .filter(w -> (type == null || w.getType() == type)
                        && in(w.getCreatedAt().toEpochMilli(), t, days))
                .count();
    }

    private static @Nullable Double daysSince(List<Long> times, long t) {
        return times.stream()
                .filter(x -> x <= t)
                .max(Long::compare)
                .map(x -> (t - x) / (double) D)
                .orElse(null);
    }
}
