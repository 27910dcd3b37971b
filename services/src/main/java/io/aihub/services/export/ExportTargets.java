package io.aihub.services.export;

import io.aihub.services.api.Violations;
import io.aihub.services.registry.storage.BucketNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the request's {@code output_path}: {@code s3://bucket/key}, or a local path confined to the tenant's folder
 * of the export directory, {@code {AIHUB_EXPORT_DIR}/{tenant_id}/}. A relative path is resolved in that folder; an
 * absolute one must lie inside it; {@code ..} that leaves it is refused. Without {@code output_path}:
 * {@code {tenant_id}_{feature_set}_{first 8 characters of export_id}.parquet} in that folder (the reference's name).
 */
final class ExportTargets {

    static final String FIELD = "output_path";
    private static final String S3_SCHEME = "s3://";

    private final Path exportDir;
    private final boolean s3Configured;

    ExportTargets(Path exportDir, boolean s3Configured) {
        this.exportDir = exportDir.toAbsolutePath().normalize();
        this.s3Configured = s3Configured;
    }

    Path exportDir() {
        return exportDir;
    }

    /** The tenant's folder of the export directory. */
    Path tenantDir(String tenantId) {
        return exportDir.resolve(tenantId);
    }

    /** The target, or null after adding a violation naming {@value #FIELD}. */
    @Nullable
    ExportTarget resolve(
            @Nullable String outputPath, String tenantId, String featureSet, String exportId, Violations violations) {
        Path tenantDir = tenantDir(tenantId);
        if (outputPath == null) {
            return new ExportTarget.Local(
                    tenantDir.resolve(tenantId + "_" + featureSet + "_" + exportId.substring(0, 8) + ".parquet"));
        }
        if (outputPath.isBlank() || outputPath.indexOf('\0') >= 0) {
            violations.add(FIELD, "must be a file path or s3://bucket/key when given");
            return null;
        }
        if (outputPath.regionMatches(true, 0, S3_SCHEME, 0, S3_SCHEME.length())) {
            return s3(outputPath.substring(S3_SCHEME.length()), violations);
        }
        if (outputPath.contains("://")) {
            violations.add(FIELD, "must be a local path or s3://bucket/key, got '" + outputPath + "'");
            return null;
        }
        Path file;
        try {
            file = tenantDir.resolve(outputPath).normalize();
        } catch (InvalidPathException e) {
            violations.add(FIELD, "is not a valid path: " + e.getMessage());
            return null;
        }
        if (!file.startsWith(tenantDir) || file.equals(tenantDir)) {
            violations.add(
                    FIELD,
                    "must name a file inside the tenant's export folder " + tenantDir
                            + " (a relative path is resolved there; no '..' out of it), got '" + outputPath + "'");
            return null;
        }
        return new ExportTarget.Local(file);
    }

    private @Nullable ExportTarget s3(String rest, Violations violations) {
        if (!s3Configured) {
            violations.add(FIELD, "s3:// targets need an S3 server: AIHUB_S3_ENDPOINT is not configured");
            return null;
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        var problem = BucketNames.problem(bucket);
        if (problem.isPresent()) {
            violations.add(FIELD, "bucket '" + bucket + "' is not a valid S3 bucket name: it " + problem.get());
            return null;
        }
        if (key.isEmpty() || key.endsWith("/") || key.length() > 1024) {
            violations.add(FIELD, "must be s3://bucket/key with a key naming an object, got 's3://" + rest + "'");
            return null;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                violations.add(FIELD, "the key must not have empty, '.' or '..' segments, got '" + key + "'");
                return null;
            }
        }
        return new ExportTarget.S3(bucket, key);
    }
}
