package io.aihub.services.ingest;

import static io.aihub.services.ingest.IngestValidator.id;
import static io.aihub.services.ingest.IngestValidator.range;
import static io.aihub.services.ingest.IngestValidator.timestamp;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AlarmSeverity;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.schemas.WorkOrderPriority;
import io.aihub.schemas.WorkOrderStatus;
import io.aihub.schemas.WorkOrderType;
import io.aihub.services.api.Timestamps;
import io.aihub.services.api.Violations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Validates posted assets, work orders and alarms as a whole array (400 naming {@code [index].field}, nothing
 * written), with the rules the stream applies, so that what is accepted here is never dead-lettered there.
 */
final class MaintenanceValidator {

    private MaintenanceValidator() {}

    static List<AssetEvent> assets(@Nullable List<MaintenanceIn.Asset> posted, int maxBatch) {
        return each(posted, maxBatch, "Invalid assets", (in, at) -> {
            Violations v = new Violations();
            id(in.tenantId(), at + "tenant_id", v);
            id(in.assetId(), at + "asset_id", v);
            Instant timestamp = timestamp(in.timestamp(), at + "timestamp", v);
            Instant installed = optional(in.installationDate(), at + "installation_date", v);
            if (in.installedCapacityKw() != null
                    && !(in.installedCapacityKw() > 0 && in.installedCapacityKw() < 1e12)) {
                v.add(at + "installed_capacity_kw", "must be a finite number > 0, got " + in.installedCapacityKw());
            }
            range(in.healthScore(), 0, 100, at + "health_score", v);
            return new Checked<>(
                    v,
                    () -> new AssetEvent(
                            in.tenantId(),
                            in.assetId(),
                            timestamp,
                            in.siteId(),
                            in.assetType(),
                            in.assetStatus(),
                            in.manufacturer(),
                            in.model(),
                            in.installedCapacityKw(),
                            installed,
                            in.healthScore()));
        });
    }

    static List<WorkOrderEvent> workOrders(@Nullable List<MaintenanceIn.WorkOrder> posted, int maxBatch) {
        return each(posted, maxBatch, "Invalid work orders", (in, at) -> {
            Violations v = new Violations();
            id(in.tenantId(), at + "tenant_id", v);
            id(in.assetId(), at + "asset_id", v);
            id(in.workOrderId(), at + "work_order_id", v);
            Instant timestamp = timestamp(in.timestamp(), at + "timestamp", v);
            WorkOrderType type = symbol(in.type(), WorkOrderType.class, null, at + "type", v);
            WorkOrderPriority priority =
                    symbol(in.priority(), WorkOrderPriority.class, WorkOrderPriority.MEDIUM, at + "priority", v);
            WorkOrderStatus status = symbol(in.status(), WorkOrderStatus.class, WorkOrderStatus.OPEN, at + "status", v);
            Instant created = timestamp(in.createdAt(), at + "created_at", v);
            Instant due = optional(in.dueAt(), at + "due_at", v);
            Instant completed = optional(in.completedAt(), at + "completed_at", v);
            if (created != null && completed != null && completed.isBefore(created)) {
                v.add(at + "completed_at", "must not be before created_at");
            }
            return new Checked<>(
                    v,
                    () -> new WorkOrderEvent(
                            in.tenantId(),
                            in.assetId(),
                            in.workOrderId(),
                            timestamp,
                            type,
                            priority,
                            status,
                            created,
                            due,
                            completed,
                            in.failureCode()));
        });
    }

    static List<AlarmEvent> alarms(@Nullable List<MaintenanceIn.Alarm> posted, int maxBatch) {
        return each(posted, maxBatch, "Invalid alarms", (in, at) -> {
            Violations v = new Violations();
            id(in.tenantId(), at + "tenant_id", v);
            id(in.assetId(), at + "asset_id", v);
            id(in.alarmId(), at + "alarm_id", v);
            Instant timestamp = timestamp(in.timestamp(), at + "timestamp", v);
            AlarmSeverity severity = symbol(in.severity(), AlarmSeverity.class, null, at + "severity", v);
            return new Checked<>(
                    v,
                    () -> new AlarmEvent(
                            in.tenantId(), in.assetId(), in.alarmId(), timestamp, severity, in.code(), in.message()));
        });
    }

    /** One element's violations and, when there are none, how to build its event. */
    private record Checked<T>(Violations violations, java.util.function.Supplier<T> event) {}

    private static <I, T> List<T> each(
            @Nullable List<I> posted, int maxBatch, String title, BiFunction<I, String, Checked<T>> check) {
        Violations all = new Violations();
        IngestValidator.checkSize(posted, maxBatch, all);
        List<T> out = new ArrayList<>();
        for (int i = 0; posted != null && i < posted.size(); i++) {
            I in = posted.get(i);
            if (in == null) {
                all.add("[" + i + "]", "must be an object");
                continue;
            }
            Checked<T> checked = check.apply(in, "[" + i + "].");
            if (checked.violations().isEmpty()) {
                out.add(checked.event().get());
            } else {
                all.addAll(checked.violations());
            }
        }
        all.throwIfAny(HttpStatus.BAD_REQUEST, title);
        return out;
    }

    private static @Nullable Instant optional(@Nullable Object raw, String field, Violations violations) {
        return raw == null ? null : Timestamps.parse(raw, field, violations);
    }

    private static <E extends Enum<E>> @Nullable E symbol(
            @Nullable String raw, Class<E> type, @Nullable E fallback, String field, Violations violations) {
        if (raw == null) {
            if (fallback == null) {
                violations.add(field, "is required, one of " + Arrays.toString(type.getEnumConstants()));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + raw + "'");
            return null;
        }
    }
}
