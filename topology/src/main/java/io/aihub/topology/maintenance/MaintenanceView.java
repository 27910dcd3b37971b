package io.aihub.topology.maintenance;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The three maintenance feature views, each keyed by {@code asset_id} within a tenant, and the features they compute. */
public enum MaintenanceView {
    ASSET_FEATURES(
            "asset_features",
            List.of(
                    "asset_type",
                    "asset_status",
                    "asset_age_months",
                    "total_work_orders",
                    "corrective_work_orders",
                    "preventive_work_orders",
                    "days_since_last_maintenance",
                    "days_since_last_corrective_wo",
                    "mttr_hours",
                    "mtbf_hours",
                    "health_score",
                    "recent_alarms_30d",
                    "recent_critical_alarms_30d",
                    "installed_capacity_kw",
                    "manufacturer",
                    "model")),
    TELEMETRY_FEATURES("telemetry_features", telemetryFeatures()),
    WORK_ORDER_FEATURES(
            "work_order_features",
            List.of(
                    "wo_count_7d",
                    "wo_count_30d",
                    "wo_count_90d",
                    "wo_count_365d",
                    "corrective_wo_count_7d",
                    "corrective_wo_count_30d",
                    "corrective_wo_count_90d",
                    "preventive_wo_count_30d",
                    "preventive_wo_count_90d",
                    "emergency_wo_count_30d",
                    "emergency_wo_count_90d",
                    "avg_wo_completion_hours_30d",
                    "overdue_wo_count_30d",
                    "wo_completion_rate_30d",
                    "critical_wo_count_30d",
                    "high_priority_wo_count_30d",
                    "wo_count_trend_30d_vs_90d",
                    "corrective_wo_ratio_30d",
                    "repeat_failure_count_90d",
                    "days_since_last_wo",
                    "days_since_last_corrective_wo"));

    /** The only entity of the three views. */
    public static final String ENTITY = "asset_id";

    /** The telemetry metrics whose 7-day statistics telemetry_features keeps, in index order. */
    public static final List<String> TRACKED_METRICS =
            List.of("power", "voltage", "current", "temperature", "frequency");

    private final String viewName;
    private final List<String> features;

    MaintenanceView(String viewName, List<String> features) {
        this.viewName = viewName;
        this.features = features;
    }

    public String viewName() {
        return viewName;
    }

    /** Every feature the topology computes for this view, in a fixed order. */
    public List<String> features() {
        return features;
    }

    public static Optional<MaintenanceView> of(String viewName) {
        return Stream.of(values()).filter(v -> v.viewName.equals(viewName)).findFirst();
    }

    private static List<String> telemetryFeatures() {
        return List.of(
                "rolling_avg_power_7d",
                "rolling_std_power_7d",
                "rolling_min_power_7d",
                "rolling_max_power_7d",
                "rolling_avg_voltage_7d",
                "rolling_std_voltage_7d",
                "rolling_min_voltage_7d",
                "rolling_max_voltage_7d",
                "rolling_avg_current_7d",
                "rolling_std_current_7d",
                "rolling_avg_temperature_7d",
                "rolling_std_temperature_7d",
                "rolling_max_temperature_7d",
                "rolling_avg_frequency_7d",
                "rolling_std_frequency_7d",
                "anomaly_count_7d",
                "anomaly_count_30d",
                "anomaly_count_90d",
                "capacity_factor_7d",
                "capacity_factor_30d",
                "availability_7d",
                "availability_30d",
                "total_generation_kwh_7d",
                "total_generation_kwh_30d",
                "avg_daily_generation_kwh");
    }
}
