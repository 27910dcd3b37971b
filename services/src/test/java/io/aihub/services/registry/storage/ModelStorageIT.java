package io.aihub.services.registry.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.services.standalone.EmbeddedS3;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.MinioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ModelStorage} against real S3 servers: an in-memory and a filesystem {@link EmbeddedS3}, each behind a
 * {@link FailingBlobStore}. Every test uses its own bucket or tenant, so the tests share the two servers.
 */
class ModelStorageIT {

    enum Store {
        IN_MEMORY,
        FILESYSTEM
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<Store, EmbeddedS3> SERVERS = new ConcurrentHashMap<>();
    private static final Map<Store, FailingBlobStore> BLOBS = new ConcurrentHashMap<>();

    @TempDir
    static Path storeDirectory;

    @BeforeAll
    static void startServers() {
        SERVERS.put(
                Store.IN_MEMORY,
                EmbeddedS3.inMemory()
                        .withBlobStoreDecorator(blobs -> decorated(Store.IN_MEMORY, blobs))
                        .start());
        SERVERS.put(
                Store.FILESYSTEM,
                EmbeddedS3.filesystem(storeDirectory.resolve("s3"))
                        .withBlobStoreDecorator(blobs -> decorated(Store.FILESYSTEM, blobs))
                        .start());
    }

    private static FailingBlobStore decorated(Store store, org.jclouds.blobstore.BlobStore blobs) {
        var failing = new FailingBlobStore(blobs);
        BLOBS.put(store, failing);
        return failing;
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(EmbeddedS3::close);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void shouldStoreTheThreeFilesUnderTheVersionFolderAndDeleteThemAgain(Store store) throws Exception {
        // Given a store on a bucket that does not exist yet
        var server = SERVERS.get(store);
        String bucket = uniqueBucket();
        try (var storage = storage(server, bucket);
                var raw = rawClient(server)) {
            assertThat(raw.bucketExists(
                            BucketExistsArgs.builder().bucket(bucket).build()))
                    .isFalse();
            var files = files("acme", "churn", "v1", randomBytes(64 * 1024));

            // When a version is uploaded, next to a version whose name starts the same
            storage.upload(files);
            storage.upload(files("acme", "churn", "v10", randomBytes(10)));

            // Then the bucket exists and holds exactly the three files of each version, at the contract's keys
            assertThat(raw.bucketExists(
                            BucketExistsArgs.builder().bucket(bucket).build()))
                    .isTrue();
            assertThat(objectKeys(raw, bucket, "acme/"))
                    .containsExactly(
                            "acme/churn/v1/metadata.json",
                            "acme/churn/v1/metrics.json",
                            "acme/churn/v1/model.bin",
                            "acme/churn/v10/metadata.json",
                            "acme/churn/v10/metrics.json",
                            "acme/churn/v10/model.bin");
            assertThat(read(raw, bucket, "acme/churn/v1/model.bin")).isEqualTo(files.artifact());
            assertThat(read(raw, bucket, "acme/churn/v1/metadata.json")).isEqualTo(files.metadataJson());
            assertThat(read(raw, bucket, "acme/churn/v1/metrics.json")).isEqualTo(files.metricsJson());
            assertThat(raw.statObject(StatObjectArgs.builder()
                                    .bucket(bucket)
                                    .object("acme/churn/v1/metrics.json")
                                    .build())
                            .contentType())
                    .isEqualTo("application/json");
            assertThat(storage.storagePath("acme", "churn", "v1")).isEqualTo("s3://" + bucket + "/acme/churn/v1/");

            // And the store reads the artifact back
            assertThat(storage.exists("acme", "churn", "v1")).isTrue();
            assertThat(storage.downloadArtifact("acme", "churn", "v1", files.artifact().length))
                    .isEqualTo(files.artifact());

            // When v1 is deleted
            storage.delete("acme", "churn", "v1");

            // Then nothing is left under its folder, not even a folder entry, and v10 is untouched
            assertThat(allKeys(raw, bucket, "acme/churn/v1/")).isEmpty();
            assertThat(objectKeys(raw, bucket, "acme/"))
                    .containsExactly(
                            "acme/churn/v10/metadata.json", "acme/churn/v10/metrics.json", "acme/churn/v10/model.bin");
            assertThat(storage.exists("acme", "churn", "v1")).isFalse();
            assertThatThrownBy(() -> storage.downloadArtifact("acme", "churn", "v1", 1 << 20))
                    .isInstanceOf(ArtifactNotFoundException.class)
                    .hasMessage("no model artifact at s3://" + bucket + "/acme/churn/v1/model.bin");

            // And deleting it again is not an error
            storage.delete("acme", "churn", "v1");
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void shouldRefuseATooLargeArtifactWithoutDownloadingIt(Store store) {
        // Given a stored artifact of 1024 bytes
        String bucket = uniqueBucket();
        String key = "acme/big/v1/model.bin";
        var blobs = BLOBS.get(store);
        try (var storage = storage(SERVERS.get(store), bucket)) {
            var artifact = randomBytes(1024);
            storage.upload(files("acme", "big", "v1", artifact));

            // When it is requested with a limit of 1023 bytes, Then it is refused and was never downloaded
            assertThatThrownBy(() -> storage.downloadArtifact("acme", "big", "v1", 1023))
                    .isInstanceOfSatisfying(ArtifactTooLargeException.class, e -> {
                        assertThat(e.location()).isEqualTo("s3://" + bucket + "/" + key);
                        assertThat(e.size()).isEqualTo(1024);
                        assertThat(e.maxBytes()).isEqualTo(1023);
                    })
                    .hasMessageContaining("1024 bytes");
            assertThat(blobs.downloads(key)).isZero();

            // And with a limit of exactly its size it is downloaded
            assertThat(storage.downloadArtifact("acme", "big", "v1", 1024)).isEqualTo(artifact);
            assertThat(blobs.downloads(key)).isEqualTo(1);
        }
    }

    @Test
    void shouldReportAMissingArtifactWhetherTheBucketExistsOrNot() {
        var server = SERVERS.get(Store.IN_MEMORY);
        String bucket = uniqueBucket();
        try (var storage = storage(server, bucket)) {
            // Given no bucket at all: nothing exists, nothing to delete, the server still answers a ping
            assertThat(storage.exists("acme", "churn", "v1")).isFalse();
            assertThatThrownBy(() -> storage.downloadArtifact("acme", "churn", "v1", 100))
                    .isInstanceOf(ArtifactNotFoundException.class);
            storage.delete("acme", "churn", "v1");
            storage.ping();

            // Given the bucket with another version only
            storage.upload(files("acme", "churn", "v2", randomBytes(10)));

            // Then v1 is still missing
            assertThat(storage.exists("acme", "churn", "v1")).isFalse();
            assertThatThrownBy(() -> storage.downloadArtifact("acme", "churn", "v1", 100))
                    .isInstanceOfSatisfying(
                            ArtifactNotFoundException.class,
                            e -> assertThat(e.location()).isEqualTo("s3://" + bucket + "/acme/churn/v1/model.bin"));
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void shouldLeaveNoObjectBehindWhenTheMetricsUploadFails(Store store) throws Exception {
        // Given a server that fails the upload of this tenant's metrics.json
        var server = SERVERS.get(store);
        var blobs = BLOBS.get(store);
        String bucket = uniqueBucket();
        String tenant = "tenant-" + SEQUENCE.incrementAndGet();
        try (var storage = storage(server, bucket);
                var raw = rawClient(server)) {
            blobs.failUploadsEndingWith(tenant + "/churn/v1/metrics.json");
            try {
                // When a version is uploaded
                // Then the upload fails naming the object, and nothing of the version is left
                assertThatThrownBy(() -> storage.upload(files(tenant, "churn", "v1", randomBytes(100))))
                        .isExactlyInstanceOf(ModelStorageException.class)
                        .hasMessageStartingWith(
                                "cannot upload s3://" + bucket + "/" + tenant + "/churn/v1/metrics.json")
                        .hasNoSuppressedExceptions()
                        .cause()
                        .isInstanceOf(MinioException.class);
                assertThat(allKeys(raw, bucket, tenant + "/")).isEmpty();
                assertThat(storage.exists(tenant, "churn", "v1")).isFalse();
            } finally {
                blobs.disarm();
            }

            // And once the server recovers, the same upload succeeds
            storage.upload(files(tenant, "churn", "v1", randomBytes(100)));
            assertThat(objectKeys(raw, bucket, tenant + "/"))
                    .containsExactly(
                            tenant + "/churn/v1/metadata.json",
                            tenant + "/churn/v1/metrics.json",
                            tenant + "/churn/v1/model.bin");
        }
    }

    @Test
    void shouldReportAFailedCleanupAsSuppressedAndLeaveTheRestToDelete() throws Exception {
        // Given a server that fails the metrics upload and every delete
        var server = SERVERS.get(Store.IN_MEMORY);
        var blobs = BLOBS.get(Store.IN_MEMORY);
        String bucket = uniqueBucket();
        String tenant = "tenant-" + SEQUENCE.incrementAndGet();
        try (var storage = storage(server, bucket);
                var raw = rawClient(server)) {
            blobs.failUploadsEndingWith(tenant + "/churn/v1/metrics.json");
            blobs.failDeletes();
            try {
                // When a version is uploaded
                // Then the upload failure carries the cleanup failure, and the written files are still there
                assertThatThrownBy(() -> storage.upload(files(tenant, "churn", "v1", randomBytes(100))))
                        .isExactlyInstanceOf(ModelStorageException.class)
                        .hasMessageStartingWith(
                                "cannot upload s3://" + bucket + "/" + tenant + "/churn/v1/metrics.json")
                        .satisfies(e -> assertThat(e.getSuppressed())
                                .singleElement()
                                .isInstanceOf(ModelStorageException.class)
                                .extracting(Throwable::getMessage)
                                .asString()
                                .startsWith(
                                        "cannot delete objects under s3://" + bucket + "/" + tenant + "/churn/v1/"));
                assertThat(objectKeys(raw, bucket, tenant + "/"))
                        .containsExactly(tenant + "/churn/v1/metadata.json", tenant + "/churn/v1/model.bin");
            } finally {
                blobs.disarm();
            }

            // And once the server recovers, deleting the version removes the leftovers
            storage.delete(tenant, "churn", "v1");
            assertThat(allKeys(raw, bucket, tenant + "/")).isEmpty();
        }
    }

    @Test
    void shouldCreateTheBucketOnceWhenInstancesUploadConcurrently() throws Exception {
        // Given eight instances on the same new bucket
        var server = SERVERS.get(Store.IN_MEMORY);
        String bucket = uniqueBucket();
        var storages = new ArrayList<ModelStorage>();
        for (int i = 0; i < 8; i++) {
            storages.add(storage(server, bucket));
        }
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(storages.size())) {
            // When they all upload at once
            var uploads = new ArrayList<Future<?>>();
            for (int i = 0; i < storages.size(); i++) {
                var storage = storages.get(i);
                String version = "v" + i;
                uploads.add(executor.submit(() -> {
                    start.await();
                    storage.upload(files("acme", "churn", version, randomBytes(10)));
                    return null;
                }));
            }
            start.countDown();

            // Then every upload succeeds
            for (var upload : uploads) {
                upload.get(20, TimeUnit.SECONDS);
            }
        } finally {
            storages.forEach(ModelStorage::close);
        }
        try (var raw = rawClient(server)) {
            assertThat(objectKeys(raw, bucket, "acme/")).hasSize(8 * 3);
        }
    }

    @Test
    void shouldKeepStoredVersionsWhenTheFilesystemServerRestarts(@TempDir Path directory) throws Exception {
        // Given a version stored through a filesystem server
        var files = files("acme", "churn", "v1", randomBytes(4096));
        String bucket = uniqueBucket();
        try (var first = EmbeddedS3.filesystem(directory).start();
                var storage = storage(first, bucket)) {
            storage.upload(files);

            // When the server stops (twice: close is idempotent)
            first.close();
            first.close();

            // Then its old address no longer answers
            assertThatThrownBy(storage::ping)
                    .isInstanceOf(ModelStorageException.class)
                    .hasMessageContaining("did not answer");
        }
        assertThat(Files.isDirectory(directory.resolve(bucket))).isTrue();

        // When a new server starts on the same directory
        try (var second = EmbeddedS3.filesystem(directory).start();
                var restarted = storage(second, bucket);
                var raw = rawClient(second)) {
            // Then the version is still there, complete
            restarted.ping();
            assertThat(restarted.exists("acme", "churn", "v1")).isTrue();
            assertThat(restarted.downloadArtifact("acme", "churn", "v1", 4096)).isEqualTo(files.artifact());
            assertThat(objectKeys(raw, bucket, ""))
                    .containsExactly(
                            "acme/churn/v1/metadata.json", "acme/churn/v1/metrics.json", "acme/churn/v1/model.bin");
        }
    }

    @Test
    void shouldRejectPathSegmentsThatWouldEscapeTheVersionFolder() {
        try (var storage = storage(SERVERS.get(Store.IN_MEMORY), uniqueBucket())) {
            assertThatThrownBy(() -> storage.storagePath("acme/other", "churn", "v1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tenant");
            assertThatThrownBy(() -> storage.exists("acme", "..", "v1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("model");
            assertThatThrownBy(() -> storage.upload(files("acme", "churn", " ", new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("version");
        }
    }

    private static ModelStorage storage(EmbeddedS3 server, String bucket) {
        return new ModelStorage(new S3Settings(
                server.endpoint(), server.accessKey(), server.secretKey(), "", bucket, Duration.ofSeconds(10)));
    }

    private static MinioClient rawClient(EmbeddedS3 server) {
        return MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey())
                .region("us-east-1")
                .build();
    }

    /** The object keys under {@code prefix}, sorted, without the filesystem backend's zero-size folder entries. */
    private static List<String> objectKeys(MinioClient raw, String bucket, String prefix) throws Exception {
        return allKeys(raw, bucket, prefix).stream()
                .filter(key -> !key.endsWith("/"))
                .toList();
    }

    /** Every key the server lists under {@code prefix}, sorted, folder entries included. */
    private static List<String> allKeys(MinioClient raw, String bucket, String prefix) throws Exception {
        var keys = new ArrayList<String>();
        for (var result : raw.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(prefix)
                .recursive(true)
                .build())) {
            keys.add(result.get().objectName());
        }
        keys.sort(null);
        return keys;
    }

    private static byte[] read(MinioClient raw, String bucket, String key) throws Exception {
        try (var in =
                raw.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static ModelFiles files(String tenant, String model, String version, byte[] artifact) {
        return new ModelFiles(
                tenant,
                model,
                version,
                artifact,
                ("{\"model\":\"" + model + "\",\"version\":\"" + version + "\"}").getBytes(UTF_8),
                "{\"rmse\":0.42}".getBytes(UTF_8));
    }

    private static byte[] randomBytes(int size) {
        var bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String uniqueBucket() {
        return "models-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }
}
