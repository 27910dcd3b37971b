package io.aihub.bench;

import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.sink.SinkRun;
import java.util.LinkedHashMap;

/**
 * {@code ./aihub bench sink}: rows per second the PostgreSQL offline-store sink writes. The sink task is driven
 * directly, as a Connect worker drives it ({@code put} of {@code --put-size} records at a time), without Kafka or a
 * converter, so the figure is the task's own write path: mapping, batched upserts, commits. {@code --rows} telemetry
 * readings or ({@code --topic features}) feature vectors of every feature (distinct keys) into a fresh schema of the database at {@code --url}, after {@code --warmup-rows}; then the
 * same rows again (a full re-delivery: every upsert hits an existing row). One JSON line per case.
 */
public final class SinkBench {

    private SinkBench() {}

    public static void main(String[] args) {
        Harness.main("sink", args, SinkBench::run);
    }

    private static int run(Flags flags) throws Exception {
        String url = flags.string(
                "url", "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true", "PostgreSQL JDBC URL");
        String user = flags.string("user", "postgres", "database user (trust or .pgpass authentication)");
        int rows = flags.positive("rows", 500_000, "measured readings");
        int warmupRows = flags.positive("warmup-rows", 100_000, "readings written first, not measured");
        int batchSize = flags.positive("batch-size", 1000, "the sink's batch.size");
        int putSize = flags.positive("put-size", 500, "records per put (Connect's max.poll.records default)");
        String topic = flags.string(
                "topic", "telemetry", "telemetry (readings to timeseries_data) or features (vectors to ai_features)");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();
        try (var sink = SinkRun.start(url, user, batchSize)) {
            Console.progress("sink bench: schema %s, warm-up %d rows", sink.schema(), warmupRows);
            sink.write(sink.records(topic, 0, warmupRows), putSize);
            var measured = sink.records(topic, warmupRows, rows);
            for (String kind : new String[] {"insert", "redeliver"}) {
                long started = System.nanoTime();
                sink.write(measured, putSize);
                double seconds = (System.nanoTime() - started) / 1e9;
                var result = new LinkedHashMap<String, Object>();
                result.put("bench", "sink");
                result.put("topic", topic);
                result.put("case", kind);
                result.put("rows", rows);
                result.put("batch_size", batchSize);
                result.put("put_size", putSize);
                result.put("seconds", Console.round3(seconds));
                result.put("rows_per_s", Math.round(rows / seconds));
                result.put("table_rows", sink.rowCount(topic));
                Console.result(result);
            }
        }
        return 0;
    }
}
