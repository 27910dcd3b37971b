package io.aihub.services.export;

import io.aihub.services.export.ParquetExport.ExportFailedException;
import io.aihub.services.registry.storage.S3Settings;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Uploads finished export files to the S3 API server of the model registry ({@code AIHUB_S3_*}: endpoint, keys,
 * region, timeout; the bucket is the one named in {@code output_path}, never created here). Thread-safe.
 */
final class ExportUploader implements AutoCloseable {

    static final String PARQUET_CONTENT_TYPE = "application/vnd.apache.parquet";

    private final MinioClient client;
    private final String endpoint;

    ExportUploader(S3Settings settings) {
        this.endpoint = settings.endpoint();
        this.client = settings.client();
    }

    /**
     * Uploads {@code file} as {@code target} (multipart for large files, done by minio-java).
     *
     * @throws ExportFailedException saying why, e.g. that the bucket does not exist
     */
    void upload(Path file, ExportTarget.S3 target) {
        try {
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(target.bucket())
                    .object(target.key())
                    .filename(file.toString())
                    .contentType(PARQUET_CONTENT_TYPE)
                    .build());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            String reason = "NoSuchBucket".equals(code)
                    ? "S3 bucket '" + target.bucket() + "' does not exist"
                    : "S3 refused the upload of " + target.storagePath();
            throw new ExportFailedException(
                    reason + " (" + code + ": " + e.errorResponse().message() + ")", e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ExportFailedException(
                    "cannot upload to " + target.storagePath() + " at " + endpoint + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
