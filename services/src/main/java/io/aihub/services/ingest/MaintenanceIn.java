package io.aihub.services.ingest;

import org.jspecify.annotations.Nullable;

/** The maintenance events as posted to {@code /ingest/assets}, {@code /ingest/work-orders} and {@code /ingest/alarms}. */
final class MaintenanceIn {

    private MaintenanceIn() {}

    record Asset(
            @Nullable String tenantId,
            @Nullable String assetId,
            @Nullable Object timestamp,
            @Nullable String siteId,
            @Nullable String assetType,
            @Nullable String assetStatus,
            @Nullable String manufacturer,
            @Nullable String model,
            @Nullable Double installedCapacityKw,
            @Nullable Object installationDate,
            @Nullable Double healthScore) {}

    record WorkOrder(
            @Nullable String tenantId,
            @Nullable String assetId,
            @Nullable String workOrderId,
            @Nullable Object timestamp,
            @Nullable String type,
            @Nullable String priority,
            @Nullable String status,
            @Nullable Object createdAt,
            @Nullable Object dueAt,
            @Nullable Object completedAt,
            @Nullable String failureCode) {}

    record Alarm(
            @Nullable String tenantId,
            @Nullable String assetId,
            @Nullable String alarmId,
            @Nullable Object timestamp,
            @Nullable String severity,
            @Nullable String code,
            @Nullable String message) {}
}
