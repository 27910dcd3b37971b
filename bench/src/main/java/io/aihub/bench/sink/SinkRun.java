package io.aihub.bench.sink;

import io.aihub.connectors.avro.internal.AvroToConnect;
import io.aihub.connectors.postgres.PostgresSinkTask;
import io.aihub.connectors.postgres.internal.Database;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.features.FeatureNames;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A migrated schema of its own and a started sink task writing into it; closing drops the schema. */
public final class SinkRun implements AutoCloseable {

    private static final int ASSETS = 100;

    private final String url;
    private final String user;
    private final String schema;
    private final PostgresSinkTask task = new PostgresSinkTask();
    private final AvroToConnect converter = new AvroToConnect();
    private final Instant base = Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private SinkRun(String url, String user, String schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    public static SinkRun start(String url, String user, int batchSize) {
        String schema =
                "aihub_bench_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        var run = new SinkRun(url, user, schema);
        new Database(url, user, new Password(""), schema).migrate();
        run.task.initialize(new BenchContext());
        run.task.start(Map.of(
                "connection.url",
                url,
                "connection.user",
                user,
                "db.schema",
                schema,
                "batch.size",
                Integer.toString(batchSize),
                "migrate",
                "false",
                "retention.interval.ms",
                "0"));
        return run;
    }

    public String schema() {
        return schema;
    }

    /**
     * Records {@code first .. first + count - 1} of a topic: {@value #ASSETS} assets, one per asset per second;
     * {@code telemetry} readings, or {@code features} vectors holding every feature the topology computes (one in ten
     * null, as lags and weather often are).
     */
    public List<SinkRecord> records(String topic, long first, int count) {
        var records = new ArrayList<SinkRecord>(count);
        for (long i = first; i < first + count; i++) {
            String asset = "meter-" + (i % ASSETS);
            Instant at = base.plusSeconds(i / ASSETS);
            var struct = switch (topic) {
                case "telemetry" ->
                    converter.convert(new TelemetryReading("bench", asset, "value", at, i * 0.25, 1, "kW"));
                case "features" ->
                    converter.convert(new FeatureVector("bench", asset, "value", at, i * 0.25, features(i), 1));
                default -> throw new IllegalArgumentException("--topic must be telemetry or features, was " + topic);
            };
            records.add(new SinkRecord(topic, 0, null, null, struct.schema(), struct.value(), i));
        }
        return records;
    }

    private static Map<String, Double> features(long i) {
        var features = new HashMap<String, Double>();
        for (int k = 0; k < FeatureNames.ALL.size(); k++) {
            features.put(FeatureNames.ALL.get(k), (i + k) % 10 == 0 ? null : i * 0.5 + k);
        }
        return features;
    }

    /** Puts the records {@code putSize} at a time, as a worker would. */
    public void write(List<SinkRecord> records, int putSize) {
        for (int from = 0; from < records.size(); from += putSize) {
            task.put(records.subList(from, Math.min(records.size(), from + putSize)));
        }
    }

    /** The rows of the table a topic goes to. */
    public long rowCount(String topic) throws SQLException {
        String table = topic.equals("features") ? "ai_features" : "timeseries_data";
        try (var connection = DriverManager.getConnection(url, user, "");
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\"." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        task.stop();
        try (var connection = DriverManager.getConnection(url, user, "");
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    /** The worker's side, reduced to what the task uses: no dead-letter queue, timeouts ignored (none expected). */
    private static final class BenchContext implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {}

        @Override
        public void offset(TopicPartition tp, long offset) {}

        @Override
        public void timeout(long timeoutMs) {}

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(new TopicPartition("telemetry", 0));
        }

        @Override
        public void pause(TopicPartition... partitions) {}

        @Override
        public void resume(TopicPartition... partitions) {}

        @Override
        public void requestCommit() {}

        /** Metrics of the task's own, as a worker gives each plugin; the sink registers none today. */
        private final PluginMetrics metrics =
                new PluginMetricsImpl(new Metrics(), Map.of("connector", "aihub-sink-bench"));

        @Override
        public PluginMetrics pluginMetrics() {
            return metrics;
        }
    }
}
