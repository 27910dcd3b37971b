package io.aihub.bench;

import io.aihub.bench.export.ExportData;
import io.aihub.bench.export.MeteredConnections;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.services.export.ExportQuery;
import io.aihub.services.export.ExportResult;
import io.aihub.services.export.ParquetExport;
import io.aihub.topology.catalog.FeatureCatalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./aihub bench export}: how fast the batch export writes logged feature vectors to snappy Parquet. Loads
 * {@code --rows} vectors of one tenant (plus a tenth as many of another) into a scratch schema of the database at
 * {@code --url}, then runs the product's export ({@link ParquetExport}, the class {@code POST /ai/features/export}
 * runs: binary COPY out of PostgreSQL, parquet-avro in a second thread) of feature set {@code --feature-set} over the
 * whole range to a temporary file: one warm-up, then {@code --runs} measured runs, one JSON line each, with the CPU
 * seconds the JVM and the PostgreSQL backends spent (the work, which other load on the machine does not inflate as it
 * inflates the wall time).
 */
public final class ExportBench {

    private ExportBench() {}

    /** CPU seconds this JVM used so far (every thread: decoding, Parquet encoding, GC, JIT). */
    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    public static void main(String[] args) {
        Harness.main("export", args, ExportBench::run);
    }

    private static int run(Flags flags) throws Exception {
        String url = flags.string("url", "jdbc:postgresql://127.0.0.1:5432/test", "PostgreSQL JDBC URL");
        String user = flags.string("user", "postgres", "database user (trust or .pgpass authentication)");
        int rows = flags.positive("rows", 1_000_000, "logged feature vectors of the exported tenant");
        int assets = flags.positive("assets", 100, "assets they are spread over");
        String setName = flags.string("feature-set", "forecast_basic", "catalog feature set exported");
        int runs = flags.positive("runs", 3, "measured exports");
        int streams = flags.positive(
                "streams", 1, "connections the export reads over (AIHUB_EXPORT_STREAMS; one snapshot, block ranges)");
        String existing = flags.optional(
                "schema", "export from this already loaded schema (kept) instead of loading a scratch one (dropped)");
        int queue =
                flags.positive("queue", 8, "batches read ahead of the Parquet writer (AIHUB_EXPORT_QUEUE_CAPACITY)");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();
        var set = FeatureCatalog.loadDefault()
                .set(setName)
                .orElseThrow(() -> new Flags.UsageException("unknown feature set " + setName));
        var query = new ExportQuery(
                ExportData.TENANT,
                set.features(),
                Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:00Z"),
                List.of());
        var export = new ParquetExport(queue, streams);
        Path folder = Files.createTempDirectory("aihub-export-bench-");
        Path file = folder.resolve("export.parquet");
        Console.progress(
                "export bench: %s", existing.isEmpty() ? "loading " + rows + " rows into a scratch schema" : existing);
        long loadStarted = System.nanoTime();
        try (var data = existing.isEmpty()
                ? ExportData.load(url, user, rows, assets)
                : ExportData.existing(url, user, existing)) {
            Console.progress(
                    "loaded into %s in %.1f s; warm-up export", data.schema(), (System.nanoTime() - loadStarted) / 1e9);
            export.write(data::connect, query, file);
            Map<String, Long> tableBytes = data.tableBytes();
            for (int i = 1; i <= runs; i++) {
                var connections = new MeteredConnections(data);
                double jvmBefore = jvmCpuSeconds();
                long started = System.nanoTime();
                ExportResult result = export.write(connections, query, file);
                double seconds = (System.nanoTime() - started) / 1e9;
                double jvmCpu = jvmCpuSeconds() - jvmBefore;
                double postgresCpu = connections.cpuSeconds();
                var line = new LinkedHashMap<String, Object>();
                line.put("bench", "export");
                line.put("run", i);
                line.put("feature_set", setName);
                line.put("columns", query.columns().size());
                line.put("rows", result.rows());
                line.put("seconds", Console.round3(seconds));
                line.put("rows_per_s", Math.round(result.rows() / seconds));
                line.put("file_bytes", result.bytes());
                // the narrow copy the export scans (migration V5) against the table it copies
                line.put("ai_feature_values_bytes", tableBytes.get("ai_feature_values"));
                line.put("ai_features_bytes", tableBytes.get("ai_features"));
                line.put("jvm_cpu_s", Console.round3(jvmCpu));
                line.put("postgres_cpu_s", Console.round3(postgresCpu));
                line.put(
                        "load_average",
                        Console.round3(
                                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                Console.result(line);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
        return 0;
    }
}
