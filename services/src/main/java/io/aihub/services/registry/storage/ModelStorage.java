package io.aihub.services.registry.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model artifact store on an S3 API, through minio-java. Each model version is three objects under
 * {@code {bucket}/{tenant}/{model}/{version}/}: {@value #ARTIFACT_FILE} (the artifact bytes), {@value
 * #METADATA_FILE} and {@value #METRICS_FILE}. This layout is a contract with the deployments' buckets: do not change
 * it.
 *
 * <p>Tenant, model and version are single path segments: not blank, no {@code /} or {@code \}, no control
 * characters, not {@code .} or {@code ..}, at most {@value #MAX_SEGMENT_LENGTH} characters.
 *
 * <p>Thread-safe: one {@link MinioClient} (and its connection pool) per instance, released by {@link #close()}.
 * Every failure is a {@link ModelStorageException} naming the object and keeping the cause.
 */
public final class ModelStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStorage.class);

    /** The artifact's file name in a version's folder. */
    public static final String ARTIFACT_FILE = "model.bin";

    /** The metadata document's file name in a version's folder. */
    public static final String METADATA_FILE = "metadata.json";

    /** The metrics document's file name in a version's folder. */
    public static final String METRICS_FILE = "metrics.json";

    /** The longest tenant, model or version accepted. */
    public static final int MAX_SEGMENT_LENGTH = 200;

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String JSON = "application/json";
    private static final Set<String> MISSING_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");
    private static final Set<String> BUCKET_TAKEN_CODES = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");
    /** The largest byte array the JVM reliably allocates. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private final S3Settings settings;
    private final MinioClient client;
    private final AtomicBoolean bucketReady = new AtomicBoolean();

    /** A store on the server and bucket of {@code settings}; no call is made until the first use. */
    public ModelStorage(S3Settings settings) {
        this.settings = settings;
        this.client = settings.client();
    }

    /** The bucket holding the models. */
    public String bucket() {
        return settings.bucket();
    }

    /** The folder of one model version, {@code s3://{bucket}/{tenant}/{model}/{version}/}. */
    public String storagePath(String tenant, String model, String version) {
        return location(versionPrefix(tenant, model, version));
    }

    /**
     * Stores the three files of a version (replacing any stored under the same coordinates), the artifact first,
     * then {@value #METADATA_FILE}, then {@value #METRICS_FILE}; creates the bucket on first use. If an upload
     * fails, the objects of this call are deleted again before the failure is thrown (a cleanup failure is added
     * to it as suppressed), so no partial version is left behind while the server answers.
     *
     * @throws ModelStorageException naming the object that could not be stored
     */
    public void upload(ModelFiles files) {
        String prefix = versionPrefix(files.tenant(), files.model(), files.version());
        ensureBucket();
        var parts = List.of(
                new Part(ARTIFACT_FILE, files.artifact(), OCTET_STREAM),
                new Part(METADATA_FILE, files.metadataJson(), JSON),
                new Part(METRICS_FILE, files.metricsJson(), JSON));
        var attempted = new ArrayList<String>(parts.size());
        for (var part : parts) {
            String key = prefix + part.fileName();
            // recorded before the call: a put that failed on our side may still have been stored by the server
            attempted.add(key);
            try {
                put(key, part);
            } catch (ModelStorageException e) {
                try {
                    removeAll(attempted, prefix);
                } catch (ModelStorageException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
        LOG.debug("Stored {} ({} artifact bytes)", location(prefix), files.artifact().length);
    }

    private void put(String key, Part part) {
        var args = PutObjectArgs.builder().bucket(bucket()).object(key).stream(
                        new ByteArrayInputStream(part.bytes()), part.bytes().length, -1)
                .contentType(part.contentType())
                .build();
        call("cannot upload " + location(key), () -> client.putObject(args));
    }

    /**
     * The artifact of a version, checked against {@code maxBytes} before it is downloaded.
     *
     * @throws ArtifactNotFoundException if the version has no artifact
     * @throws ArtifactTooLargeException if the artifact has more than {@code maxBytes} bytes
     * @throws ModelStorageException if the server fails or cannot be reached
     */
    public byte[] downloadArtifact(String tenant, String model, String version, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        String key = versionPrefix(tenant, model, version) + ARTIFACT_FILE;
        long size = stat(key)
                .orElseThrow(() -> new ArtifactNotFoundException(location(key)))
                .size();
        long limit = Math.min(maxBytes, MAX_ARRAY_BYTES);
        if (size > limit) {
            throw new ArtifactTooLargeException(location(key), size, limit);
        }
        byte[] bytes = read(key, (int) limit).orElseThrow(() -> new ArtifactNotFoundException(location(key)));
        if (bytes.length > limit) {
            throw new ArtifactTooLargeException(location(key), bytes.length, limit);
        }
        return bytes;
    }

    /** At most {@code limit + 1} bytes of the object: it may have been replaced by a larger one since the stat. */
    private Optional<byte[]> read(String key, int limit) {
        var args = GetObjectArgs.builder().bucket(bucket()).object(key).build();
        return call("cannot download " + location(key), () -> {
            try (var in = client.getObject(args)) {
                return Optional.of(in.readNBytes(limit + 1));
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        });
    }

    /** Whether the version's artifact is stored. */
    public boolean exists(String tenant, String model, String version) {
        return stat(versionPrefix(tenant, model, version) + ARTIFACT_FILE).isPresent();
    }

    /**
     * Deletes every object under the version's folder (its three files, anything else stored there, and the
     * zero-size {@code dir/} entries some servers list for folders). Nothing stored is not an error.
     *
     * @throws ModelStorageException if listing fails or any object could not be deleted
     */
    public void delete(String tenant, String model, String version) {
        String prefix = versionPrefix(tenant, model, version);
        var keys = list(prefix);
        if (!keys.isEmpty()) {
            removeAll(keys, prefix);
            LOG.debug("Deleted {} ({} objects)", location(prefix), keys.size());
        }
    }

    /**
     * Proves the server answers and accepts our credentials (one {@code HEAD} of the bucket), for health checks;
     * a bucket not created yet is fine.
     *
     * @throws ModelStorageException if it does not
     */
    public void ping() {
        call(
                "the S3 server at " + settings.endpoint() + " did not answer for bucket " + bucket(),
                () -> client.bucketExists(
                        BucketExistsArgs.builder().bucket(bucket()).build()));
    }

    /** Releases the HTTP client's connections and threads. Idempotent. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new ModelStorageException("cannot close the S3 client of " + settings.endpoint(), e);
        }
    }

    /** The object keys under {@code prefix}, files first, then folder entries from the deepest up. */
    private List<String> list(String prefix) {
        return call("cannot list " + location(prefix), () -> {
            var keys = new ArrayList<String>();
            var results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket())
                    .prefix(prefix)
                    .recursive(true)
                    .build());
            try {
                for (var result : results) {
                    keys.add(result.get().objectName());
                }
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return List.<String>of();
                }
                throw e;
            }
            keys.sort(Comparator.comparing((String key) -> key.endsWith("/"))
                    .thenComparing(Comparator.comparingInt(String::length).reversed()));
            return keys;
        });
    }

    /** Deletes {@code keys} in one batch; consumes the lazy results, so every error is seen. */
    private void removeAll(List<String> keys, String prefix) {
        String failures = call("cannot delete objects under " + location(prefix), () -> {
            var results = client.removeObjects(RemoveObjectsArgs.builder()
                    .bucket(bucket())
                    .objects(keys.stream().map(DeleteObject::new).toList())
                    .build());
            var errors = new ArrayList<String>();
            for (var result : results) {
                var error = result.get();
                errors.add(error.objectName() + " (" + error.code() + ": " + error.message() + ")");
            }
            return String.join(", ", errors);
        });
        if (!failures.isEmpty()) {
            throw new ModelStorageException("cannot delete objects under " + location(prefix) + ": " + failures);
        }
    }

    private Optional<StatObjectResponse> stat(String key) {
        return call("cannot read the attributes of " + location(key), () -> {
            try {
                return Optional.of(client.statObject(
                        StatObjectArgs.builder().bucket(bucket()).object(key).build()));
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.<StatObjectResponse>empty();
                }
                throw e;
            }
        });
    }

    /** Creates the bucket unless this instance saw it already; another instance may create it at the same time. */
    private void ensureBucket() {
        if (bucketReady.get()) {
            return;
        }
        var exists = BucketExistsArgs.builder().bucket(bucket()).build();
        call("cannot create the bucket " + bucket() + " at " + settings.endpoint(), () -> {
            if (client.bucketExists(exists)) {
                return true;
            }
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket()).build());
                LOG.info("Created the model bucket {} at {}", bucket(), settings.endpoint());
            } catch (ErrorResponseException e) {
                // created since our check, by another instance (ours) or by another account (then the HEAD fails)
                if (!BUCKET_TAKEN_CODES.contains(e.errorResponse().code()) || !client.bucketExists(exists)) {
                    throw e;
                }
            }
            return true;
        });
        bucketReady.set(true);
    }

    /** Runs one client call; classifies its checked failures into a {@link ModelStorageException}. */
    private <T> T call(String failure, S3Call<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            if ("NoSuchBucket".equals(e.errorResponse().code())) {
                bucketReady.set(false); // deleted behind our back: create it again on the next upload
            }
            throw new ModelStorageException(
                    failure + ": " + e.errorResponse().code() + " "
                            + e.errorResponse().message(),
                    e);
        } catch (InterruptedIOException e) {
            if (!(e instanceof SocketTimeoutException)) {
                Thread.currentThread().interrupt();
            }
            throw new ModelStorageException(failure + ": " + e, e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ModelStorageException(failure + ": " + e, e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        return MISSING_CODES.contains(e.errorResponse().code());
    }

    private String location(String key) {
        return "s3://" + bucket() + "/" + key;
    }

    private static String versionPrefix(String tenant, String model, String version) {
        return segment("tenant", tenant) + "/" + segment("model", model) + "/" + segment("version", version) + "/";
    }

    private static String segment(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > MAX_SEGMENT_LENGTH) {
            throw new IllegalArgumentException(
                    name + " must have at most " + MAX_SEGMENT_LENGTH + " characters, has " + value.length());
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(name + " must not be '" + value + "'");
        }
        if (value.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException(name + " '" + value.replaceAll("\\p{Cntrl}", "?")
                    + "' must not hold '/', '\\' or control characters");
        }
        return value;
    }

    private record Part(String fileName, byte[] bytes, String contentType) {}

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws MinioException, IOException, GeneralSecurityException;
    }
}
