package io.aihub.services.export;

import java.nio.file.Path;

/** Where an export's Parquet file goes. */
sealed interface ExportTarget {

    /** The {@code storage_path} answered and recorded. */
    String storagePath();

    /** A file under the export directory. */
    record Local(Path file) implements ExportTarget {
        @Override
        public String storagePath() {
            return file.toString();
        }
    }

    /** An object in an S3 bucket, uploaded once the file is written. */
    record S3(String bucket, String key) implements ExportTarget {
        @Override
        public String storagePath() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
