/**
 * The batch export ({@code POST /ai/features/export}, {@code GET /ai/features/exports}): logged feature vectors of the
 * offline store's {@code ai_features} to snappy Parquet (parquet-avro), on local disk or S3, tracked in
 * {@code feature_exports} and on the compacted {@code feature-exports} topic.
 */
@NullMarked
package io.aihub.services.export;

import org.jspecify.annotations.NullMarked;
