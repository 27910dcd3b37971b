package io.aihub.services.export;

import io.aihub.services.api.Ids;
import io.aihub.services.api.ProblemException;
import io.aihub.services.api.Violations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ai/features/export} (202 with the job, which runs in the background) and
 * {@code GET /ai/features/exports} (a tenant's jobs, newest first). Both answer 503 while no offline store is
 * configured.
 */
@RestController
class ExportController {

    private static final Set<String> STATUSES =
            Set.of(ExportJob.PENDING, ExportJob.RUNNING, ExportJob.COMPLETED, ExportJob.FAILED);
    private static final int MAX_LIMIT = 1000;

    private final ObjectProvider<ExportService> service;

    ExportController(ObjectProvider<ExportService> service) {
        this.service = service;
    }

    @PostMapping(path = "/ai/features/export", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> export(@RequestBody ExportRequest request) {
        ExportJob job = service().submit(request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(json(job));
    }

    @GetMapping("/ai/features/exports")
    Map<String, Object> exports(
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "feature_set", required = false) @Nullable String featureSet,
            @RequestParam(name = "status_filter", required = false) @Nullable String status,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        Violations violations = new Violations();
        Ids.check(tenantId, "tenant_id", violations);
        if (status != null && !STATUSES.contains(status)) {
            violations.add("status_filter", "must be one of pending, running, completed, failed; got '" + status + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid export listing");
        List<Map<String, Object>> exports = service().list(tenantId, featureSet, status, limit).stream()
                .map(ExportController::json)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exports", exports);
        body.put("total", exports.size());
        return body;
    }

    private ExportService service() {
        ExportService export = service.getIfAvailable();
        if (export == null) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Offline store not configured",
                    "the offline store is not configured: set AIHUB_POSTGRES_URL (a jdbc:postgresql: URL of the"
                            + " database the connectors sink fills) to export features",
                    null);
        }
        return export;
    }

    /** The documented fields first, then the range, the assets, the exact size and the error. */
    static Map<String, Object> json(ExportJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("export_id", job.exportId());
        body.put("tenant_id", job.tenantId());
        body.put("feature_set", job.featureSet());
        body.put("status", job.status());
        body.put("storage_path", job.storagePath());
        body.put("row_count", job.rowCount());
        body.put("file_size_mb", job.fileSizeMb());
        body.put("file_size_bytes", job.fileSizeBytes());
        body.put("started_at", job.startedAt());
        body.put("completed_at", job.completedAt());
        body.put("start_time", job.startTime());
        body.put("end_time", job.endTime());
        body.put("asset_ids", job.assetIds());
        body.put("error", job.error());
        return body;
    }
}
