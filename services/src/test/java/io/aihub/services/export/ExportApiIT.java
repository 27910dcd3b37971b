package io.aihub.services.export;

import static io.aihub.services.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.ExportStatus;
import io.aihub.schemas.FeatureExport;
import io.aihub.services.export.OfflineStoreFixture.Vector;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.catalog.FeatureCatalog;
import io.minio.DownloadObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The batch export end to end: the real application, the local PostgreSQL (a schema of its own, migrated by the
 * connectors' migrations, filled as the sink fills it), the shared broker and S3 server (S3Proxy). Every test works on
 * tenants of its own, so they share one application; the Parquet files are read back with parquet-avro's reader and
 * compared with the rows put into {@code ai_features}, filtered here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiIT {

    private static final Duration DONE = Duration.ofSeconds(60);
    private static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");
    private static final List<String> BASIC =
            FeatureCatalog.loadDefault().set("forecast_basic").orElseThrow().features();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private OfflineStoreFixture store;
    private AppInstance app;
    private Path exportDir;
    private String topicPrefix;
    private String orphanTenant;
    private final List<Vector> vectors = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        store = OfflineStoreFixture.create();
        // a job whose instance was killed (kill -9) before this one started: last heartbeat long ago
        orphanTenant = tenant("orphan");
        store.insertExport(orphanTenant, "orphan-job", "running", Instant.parse("2025-03-01T12:00:00Z"));
        exportDir = Files.createTempDirectory("aihub-exports-it-");
        topicPrefix = SharedInfrastructure.uniquePrefix("export");
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("export"),
                topicPrefix,
                Map.of("aihub.postgres.url", store.url(), "aihub.export.dir", exportDir.toString()));
        app.awaitRunning(Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldExportExactlyTheTenantsRowsOfTheRangeAndAssetsToALocalParquetFile() throws Exception {
        // Given two tenants with vectors for the same assets and hours (some features null or missing)
        String tenant = tenant("acme");
        String rival = tenant("rival");
        seed(tenant, List.of("m1", "m2", "m3"), 48);
        seed(rival, List.of("m1", "m2", "m3"), 48);

        // When the tenant exports hours 10..20 (both included) of m1 and m3
        Instant start = BASE.plusSeconds(10 * 3600);
        Instant end = BASE.plusSeconds(20 * 3600);
        Reply accepted = app.post("/ai/features/export", request(tenant, start, end, List.of("m1", "m3"), null));

        // Then it is accepted pending, with the file under the tenant's folder, and completes
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        assertThat(accepted.body().path("status").asString()).isEqualTo("pending");
        assertThat(accepted.body().path("feature_set").asString()).isEqualTo("forecast_basic");
        String id = accepted.body().path("export_id").asString();
        JsonNode done = awaitDone(tenant, id);
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        Path file = Path.of(done.path("storage_path").asString());
        assertThat(file).startsWith(exportDir.resolve(tenant)).exists();
        assertThat(file.getFileName().toString())
                .isEqualTo(tenant + "_forecast_basic_" + id.substring(0, 8) + ".parquet");

        // ... holding exactly the tenant's rows of the range (ends included) and assets, in the documented columns
        List<List<Object>> expected = expected(tenant, start, end, Set.of("m1", "m3"));
        assertThat(expected).hasSize(2 * 2 * 11);
        assertThat(read(file)).containsExactlyElementsOf(expected);
        assertThat(columns(file)).containsExactlyElementsOf(columnsOf(BASIC));
        assertThat(codec(file)).isEqualTo(CompressionCodecName.SNAPPY);
        assertThat(done.path("row_count").asLong()).isEqualTo(expected.size());
        assertThat(done.path("file_size_bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(done.path("completed_at").isNull()).isFalse();

        // ... and the compacted topic holds its completed record under tenant:export_id
        assertThat(topicState(tenant + ":" + id).getStatus()).isEqualTo(ExportStatus.COMPLETED);
    }

    @Test
    void shouldExportEveryAssetToS3WhenNoAssetsAreNamed() throws Exception {
        // Given a tenant's vectors and a bucket
        String tenant = tenant("s3");
        seed(tenant, List.of("pv1", "pv2"), 30);
        seed(tenant("s3rival"), List.of("pv1", "pv2"), 30);
        String bucket = "exports-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
        MinioClient s3 = minio();
        s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());

        // When it exports everything to s3://bucket/training/basic.parquet
        Reply accepted = app.post(
                "/ai/features/export",
                request(tenant, BASE, BASE.plusSeconds(29 * 3600), null, "s3://" + bucket + "/training/basic.parquet"));

        // Then the object holds every row of the tenant
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        assertThat(accepted.body().path("storage_path").asString())
                .isEqualTo("s3://" + bucket + "/training/basic.parquet");
        JsonNode done = awaitDone(tenant, accepted.body().path("export_id").asString());
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        Path local = Files.createTempDirectory("aihub-export-download-").resolve("basic.parquet");
        s3.downloadObject(DownloadObjectArgs.builder()
                .bucket(bucket)
                .object("training/basic.parquet")
                .filename(local.toString())
                .build());
        List<List<Object>> expected = expected(tenant, BASE, BASE.plusSeconds(29 * 3600), null);
        assertThat(expected).hasSize(2 * 2 * 30);
        assertThat(read(local)).containsExactlyElementsOf(expected);
        assertThat(done.path("file_size_bytes").asLong()).isEqualTo(Files.size(local));
    }

    @Test
    void shouldRecordTheReasonWhenTheExportFails() throws Exception {
        // Given a tenant's vectors
        String tenant = tenant("nobucket");
        seed(tenant, List.of("m1"), 5);

        // When it exports to a bucket that does not exist
        Reply accepted = app.post(
                "/ai/features/export",
                request(
                        tenant,
                        BASE,
                        BASE.plusSeconds(4 * 3600),
                        null,
                        "s3://no-such-bucket-" + System.nanoTime() + "/x.parquet"));

        // Then the job is accepted, then failed with the reason, in the table and on the topic
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        String id = accepted.body().path("export_id").asString();
        JsonNode done = awaitDone(tenant, id);
        assertThat(done.path("status").asString()).isEqualTo("failed");
        assertThat(done.path("error").asString()).contains("does not exist").contains("NoSuchBucket");
        assertThat(done.path("row_count").isNull()).isTrue();
        FeatureExport record = topicState(tenant + ":" + id);
        assertThat(record.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(record.getError()).isEqualTo(done.path("error").asString());
    }

    @Test
    void shouldFailAJobAbandonedByAStoppedInstanceAndPublishIt() {
        // Given the running job of an instance killed before this one started (seeded in start())

        // When this instance is ready, its reaper runs once: then the job is failed, with the reason
        JsonNode done = awaitDone(orphanTenant, "orphan-job");
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("failed");
        assertThat(done.path("error").asString())
                .isEqualTo("abandoned: the instance running it stopped (no heartbeat since 2025-03-01T12:00:00.000Z)");
        assertThat(done.path("completed_at").isNull()).isFalse();

        // ... and the compacted topic holds the failed state under tenant:export_id
        FeatureExport record = topicState(orphanTenant + ":orphan-job");
        assertThat(record.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(record.getError()).isEqualTo(done.path("error").asString());
    }

    @Test
    void shouldRefuseInvalidRequestsNamingTheField() throws Exception {
        String tenant = tenant("invalid");
        seed(tenant, List.of("m1"), 5);
        Instant end = BASE.plusSeconds(4 * 3600);

        // start_time not before end_time: 400 (the reference's "Invalid time range")
        assertProblem(app.post("/ai/features/export", request(tenant, end, end, null, null)), 400, "start_time");
        assertProblem(app.post("/ai/features/export", request(tenant, end, BASE, null, null)), 400, "start_time");
        // an unknown feature set: 400
        var unknownSet = request(tenant, BASE, end, null, null);
        unknownSet.put("feature_set", "no_such_set");
        assertProblem(app.post("/ai/features/export", unknownSet), 400, "feature_set");
        // a path out of the tenant's export folder: 400, nothing written
        for (String path : List.of(
                "../escape.parquet",
                "a/../../escape.parquet",
                "/tmp/escape.parquet",
                "../" + tenant("other") + "/x.parquet",
                "")) {
            assertProblem(app.post("/ai/features/export", request(tenant, BASE, end, null, path)), 400, "output_path");
        }
        assertThat(exportDir.resolve("escape.parquet")).doesNotExist();
        // missing and malformed fields: 422 (the reference's "Validation error")
        var missingTenant = request(tenant, BASE, end, null, null);
        missingTenant.remove("tenant_id");
        assertProblem(app.post("/ai/features/export", missingTenant), 422, "tenant_id");
        var badTime = request(tenant, BASE, end, null, null);
        badTime.put("start_time", "yesterday");
        assertProblem(app.post("/ai/features/export", badTime), 422, "start_time");
        assertProblem(
                app.post("/ai/features/export", request(tenant, BASE, end, List.of("m 1"), null)), 422, "asset_ids[0]");
        // and none of them left a job
        assertThat(app.get("/ai/features/exports?tenant_id=" + tenant)
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
    }

    @Test
    void shouldAnswer404WhenTheTenantHasNoRowsInTheRange() throws Exception {
        // Given another tenant's rows in the range, and the tenant's own rows outside it
        String tenant = tenant("empty");
        seed(tenant("full"), List.of("m1"), 10);
        seed(tenant, List.of("m1"), 3);

        // When the tenant exports a range where only the other tenant has rows, or an asset it does not have
        Reply range = app.post(
                "/ai/features/export",
                request(tenant, BASE.plusSeconds(5 * 3600), BASE.plusSeconds(9 * 3600), null, null));
        Reply asset =
                app.post("/ai/features/export", request(tenant, BASE, BASE.plusSeconds(9 * 3600), List.of("m9"), null));

        // Then both are 404 and no job is recorded
        assertProblem(range, 404, null);
        assertProblem(asset, 404, null);
        assertThat(app.get("/ai/features/exports?tenant_id=" + tenant)
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
    }

    @Test
    void shouldListOnlyTheTenantsExportsNewestFirst() throws Exception {
        // Given two exports of a tenant and one of another tenant
        String tenant = tenant("lister");
        String other = tenant("otherlister");
        seed(tenant, List.of("m1"), 5);
        seed(other, List.of("m1"), 5);
        Instant end = BASE.plusSeconds(4 * 3600);
        String first = app.post("/ai/features/export", request(tenant, BASE, end, null, "first.parquet"))
                .body()
                .path("export_id")
                .asString();
        awaitDone(tenant, first);
        String second = app.post("/ai/features/export", request(tenant, BASE, end, null, "second.parquet"))
                .body()
                .path("export_id")
                .asString();
        awaitDone(tenant, second);
        String foreign = app.post("/ai/features/export", request(other, BASE, end, null, null))
                .body()
                .path("export_id")
                .asString();
        awaitDone(other, foreign);

        // When the tenant lists its exports
        Reply all = app.get("/ai/features/exports?tenant_id=" + tenant);
        Reply one = app.get("/ai/features/exports?tenant_id=" + tenant + "&limit=1");
        Reply completed = app.get("/ai/features/exports?tenant_id=" + tenant + "&status_filter=completed"
                + "&feature_set=forecast_basic");

        // Then it sees its two, newest first, and never the other tenant's
        assertThat(ids(all)).containsExactly(second, first);
        assertThat(all.body().path("total").asInt()).isEqualTo(2);
        assertThat(ids(one)).containsExactly(second);
        assertThat(ids(completed)).containsExactly(second, first);
        assertThat(all.body().path("exports").get(0).path("storage_path").asString())
                .isEqualTo(exportDir.resolve(tenant).resolve("second.parquet").toString());
        assertProblem(app.get("/ai/features/exports"), 422, "tenant_id");
        assertProblem(app.get("/ai/features/exports?tenant_id=" + tenant + "&limit=0"), 422, "limit");
    }

    @Test
    void shouldReportTheOfflineStoreInHealth() {
        await().atMost(DONE)
                .untilAsserted(() -> assertThat(app.get("/health")
                                .body()
                                .path("dependencies")
                                .path("offline_store")
                                .path("status")
                                .asString())
                        .isEqualTo("up"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String tenant(String purpose) {
        return purpose + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
    }

    /**
     * {@code hours} hourly vectors per asset (metrics {@code value} and {@code power}), written as the sink writes
     * them; lag_24h is missing from the first day's vectors and lag_1h null in the first hour's.
     */
    private void seed(String tenant, List<String> assets, int hours) throws Exception {
        var seeded = new ArrayList<Vector>();
        for (String asset : assets) {
            for (String metric : List.of("value", "power")) {
                for (int h = 0; h < hours; h++) {
                    Instant at = BASE.plusSeconds(h * 3600L);
                    double value = asset.hashCode() % 100 + metric.length() + h * 0.5;
                    Map<String, @Nullable Double> features = new LinkedHashMap<>();
                    features.put("hour_of_day", (double) (h % 24));
                    features.put("day_of_week", 5.0);
                    features.put("is_weekend", 1.0);
                    features.put("lag_1h", h == 0 ? null : value - 0.5);
                    if (h >= 24) {
                        features.put("lag_24h", value - 12.0);
                    }
                    features.put("rolling_avg_24h", value / 3.0);
                    features.put("temperature", 11.25);
                    seeded.add(new Vector(tenant, asset, metric, at, value, features));
                }
            }
        }
        store.insert(seeded);
        vectors.addAll(seeded);
    }

    private List<List<Object>> expected(String tenant, Instant start, Instant end, @Nullable Set<String> assets) {
        var rows = new ArrayList<List<Object>>();
        for (Vector v : vectors) {
            if (v.tenant().equals(tenant)
                    && !v.timestamp().isBefore(start)
                    && !v.timestamp().isAfter(end)
                    && (assets == null || assets.contains(v.asset()))) {
                var row = new ArrayList<Object>();
                row.add(v.tenant());
                row.add(v.asset());
                row.add(v.metric());
                row.add(v.timestamp().toEpochMilli());
                row.add(v.value());
                for (String feature : BASIC) {
                    row.add(v.features().get(feature));
                }
                rows.add(row);
            }
        }
        rows.sort(ROW_ORDER);
        return rows;
    }

    private static final Comparator<List<Object>> ROW_ORDER = Comparator.<List<Object>, String>comparing(
                    r -> (String) r.get(1))
            .thenComparing(r -> (String) r.get(2))
            .thenComparing(r -> (Long) r.get(3));

    /** The file's rows, read with parquet-avro, as lists in column order, sorted by asset, metric, timestamp. */
    private static List<List<Object>> read(Path file) throws Exception {
        var rows = new ArrayList<List<Object>>();
        try (var reader = AvroParquetReader.genericRecordReader(new LocalInputFile(file))) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                var row = new ArrayList<Object>();
                for (Schema.Field field : record.getSchema().getFields()) {
                    Object value = record.get(field.pos());
                    row.add(value instanceof CharSequence text ? text.toString() : value);
                }
                rows.add(row);
            }
        }
        rows.sort(ROW_ORDER);
        return rows;
    }

    private static List<String> columns(Path file) throws Exception {
        try (var reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFileMetaData().getSchema().getFields().stream()
                    .map(org.apache.parquet.schema.Type::getName)
                    .toList();
        }
    }

    private static CompressionCodecName codec(Path file) throws Exception {
        try (var reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter()
                    .getBlocks()
                    .getFirst()
                    .getColumns()
                    .getFirst()
                    .getCodec();
        }
    }

    private static List<String> columnsOf(List<String> features) {
        var columns = new ArrayList<>(List.of("tenant_id", "asset_id", "metric", "timestamp", "value"));
        columns.addAll(features);
        return columns;
    }

    private static Map<String, Object> request(
            String tenant, Instant start, Instant end, @Nullable List<String> assets, @Nullable String outputPath) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenant_id", tenant);
        body.put("feature_set", "forecast_basic");
        body.put("start_time", start.toString());
        body.put("end_time", end.toString());
        if (assets != null) {
            body.put("asset_ids", assets);
        }
        if (outputPath != null) {
            body.put("output_path", outputPath);
        }
        return body;
    }

    /** Waits until the tenant's listing shows the export completed or failed, and returns it. */
    private JsonNode awaitDone(String tenant, String exportId) {
        return await().atMost(DONE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            for (JsonNode job : app.get("/ai/features/exports?tenant_id=" + tenant)
                                    .body()
                                    .path("exports")) {
                                if (job.path("export_id").asString().equals(exportId)) {
                                    return job;
                                }
                            }
                            return null;
                        },
                        job -> job != null
                                && Set.of("completed", "failed")
                                        .contains(job.path("status").asString()));
    }

    private static List<String> ids(Reply reply) {
        var ids = new ArrayList<String>();
        reply.body()
                .path("exports")
                .forEach(job -> ids.add(job.path("export_id").asString()));
        return ids;
    }

    /** The latest record of {@code key} on the feature-exports topic, once it is a final state. */
    private FeatureExport topicState(String key) {
        try (var consumer = SharedInfrastructure.consumer(
                SharedInfrastructure.uniqueApplicationId("export-topic"), FeatureExport.class)) {
            consumer.subscribe(List.of(topicPrefix + "feature-exports"));
            var latest = new HashMap<String, FeatureExport>();
            return await().atMost(DONE)
                    .until(
                            () -> {
                                for (ConsumerRecord<String, FeatureExport> record :
                                        consumer.poll(Duration.ofMillis(200))) {
                                    latest.put(record.key(), record.value());
                                }
                                return latest.get(key);
                            },
                            record -> record != null
                                    && (record.getStatus() == ExportStatus.COMPLETED
                                            || record.getStatus() == ExportStatus.FAILED));
        }
    }

    private static MinioClient minio() {
        var server = SharedInfrastructure.s3();
        return MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey())
                .region("us-east-1")
                .build();
    }
}
