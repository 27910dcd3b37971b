package io.aihub.services.export;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Timestamps;
import io.aihub.services.api.Violations;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.catalog.FeatureSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Checks an export request, naming every field at fault: 422 for missing or malformed fields (the reference's
 * "Validation error"), then 400 for a well-formed request that cannot be served: an unknown feature set,
 * {@code start_time} not before {@code end_time} (the reference's "Invalid time range"), an {@code output_path}
 * outside the export folder.
 */
final class ExportValidation {

    /** Most assets one export names. */
    static final int MAX_ASSETS = 10_000;

    private ExportValidation() {}

    /** An accepted request: what to read, which set, where to write. */
    record Accepted(
            ExportQuery query, String featureSet, @Nullable List<String> assetIds, ExportTarget target) {}

    static Accepted check(ExportRequest request, FeatureCatalog catalog, ExportTargets targets, String exportId) {
        Violations invalid = new Violations();
        Ids.check(request.tenantId(), "tenant_id", invalid);
        if (request.featureSet() == null || request.featureSet().isBlank()) {
            invalid.add("feature_set", "is required");
        }
        Instant start = time(request.startTime(), "start_time", invalid);
        Instant end = time(request.endTime(), "end_time", invalid);
        List<String> assets = assets(request.assetIds(), invalid);
        invalid.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid export request");

        String tenant = request.tenantId();
        String setName = request.featureSet();
        Violations refused = new Violations();
        FeatureSet set = catalog.set(setName).orElse(null);
        if (set == null) {
            refused.add(
                    "feature_set",
                    "unknown feature set '" + setName + "'; known: "
                            + catalog.sets().keySet());
        }
        if (!start.isBefore(end)) {
            refused.add("start_time", "must be before end_time (" + start + " is not before " + end + ")");
        }
        ExportTarget target = targets.resolve(request.outputPath(), tenant, setName, exportId, refused);
        refused.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid export request");
        return new Accepted(
                new ExportQuery(tenant, set.features(), start, end, assets == null ? List.of() : assets),
                setName,
                assets,
                target);
    }

    /** The instant, or the epoch after recording a violation (the request is refused then). */
    private static Instant time(@Nullable Object raw, String field, Violations violations) {
        if (raw == null) {
            violations.add(field, "is required");
            return Instant.EPOCH;
        }
        Instant parsed = Timestamps.parse(raw, field, violations);
        return parsed == null ? Instant.EPOCH : parsed;
    }

    private static @Nullable List<String> assets(@Nullable List<String> requested, Violations violations) {
        if (requested == null) {
            return null;
        }
        if (requested.isEmpty()) {
            violations.add("asset_ids", "must name at least one asset, or be left out for all assets");
            return null;
        }
        if (requested.size() > MAX_ASSETS) {
            violations.add("asset_ids", "must name at most " + MAX_ASSETS + " assets, got " + requested.size());
            return null;
        }
        var seen = new HashSet<String>();
        var assets = new ArrayList<String>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            String asset = requested.get(i);
            if (Ids.check(asset, "asset_ids[" + i + "]", violations) && seen.add(asset)) {
                assets.add(asset);
            }
        }
        return List.copyOf(assets);
    }
}
