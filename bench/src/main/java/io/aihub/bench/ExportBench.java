package io.aihub.bench;

import io.aihub.bench.export.ExportData;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.services.export.ExportQuery;
import io.aihub.services.export.ExportResult;
import io.aihub.services.export.ParquetExport;
import io.aihub.topology.catalog.FeatureCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code ./aihub bench export}: how fast the batch export writes logged feature vectors to snappy Parquet. Loads
 * {@code --rows} vectors of one tenant (plus a tenth as many of another) into a scratch schema of the database at
 * {@code --url}, then runs the product's export ({@link ParquetExport}, the class {@code POST /ai/features/export}
 * runs: binary COPY out of PostgreSQL, parquet-avro in a second thread) of feature set {@code --feature-set} over the
 * whole range to a temporary file: one warm-up, then {@code --runs} measured runs, one JSON line each, with the CPU
 * seconds the JVM and the PostgreSQL backend spent (the work, which other load on the machine does not inflate as it
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

    private static long backendPid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * CPU seconds (user + system) a local process used so far, from {@code /proc/<pid>/stat} (clock ticks of 10 ms);
     * NaN where there is no such file (a remote database).
     */
    private static double processCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
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
        String existing = flags.optional(
                "schema", "export from this already loaded schema (kept) instead of loading a scratch one (dropped)");
        int queue =
                flags.positive("queue", 64, "batches read ahead of the Parquet writer (AIHUB_EXPORT_QUEUE_CAPACITY)");
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
        var export = new ParquetExport(queue);
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
            try (var connection = data.connect()) {
                export.write(connection, query, file);
            }
            for (int i = 1; i <= runs; i++) {
                ExportResult result;
                double seconds;
                double jvmCpu;
                double postgresCpu;
                try (var connection = data.connect()) {
                    long backend = backendPid(connection);
                    double postgresBefore = processCpuSeconds(backend);
                    double jvmBefore = jvmCpuSeconds();
                    long started = System.nanoTime();
                    result = export.write(connection, query, file);
                    seconds = (System.nanoTime() - started) / 1e9;
                    jvmCpu = jvmCpuSeconds() - jvmBefore;
                    postgresCpu = processCpuSeconds(backend) - postgresBefore;
                }
                var line = new LinkedHashMap<String, Object>();
                line.put("bench", "export");
                line.put("run", i);
                line.put("feature_set", setName);
                line.put("columns", query.columns().size());
                line.put("rows", result.rows());
                line.put("seconds", Console.round3(seconds));
                line.put("rows_per_s", Math.round(result.rows() / seconds));
                line.put("file_bytes", result.bytes());
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
