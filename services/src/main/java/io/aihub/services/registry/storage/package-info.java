/**
 * The model artifact store: each model version as three objects in an S3 bucket (AWS S3, MinIO, or the
 * single-machine mode's in-process S3Proxy), laid out as {@code {bucket}/{tenant}/{model}/{version}/} holding
 * {@code model.bin}, {@code metadata.json} and {@code metrics.json}.
 */
@NullMarked
package io.aihub.services.registry.storage;

import org.jspecify.annotations.NullMarked;
