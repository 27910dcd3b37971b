package io.aihub.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.connectors.avro.internal.AvroToConnect;
import io.aihub.schemas.TelemetryReading;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The task driven directly, without a worker, against the real PostgreSQL (and an address where none listens): the
 * chunking of batches, the collapse of re-deliveries and the bounded retries. The context records what the task asks
 * of the worker.
 */
class PostgresSinkTaskIT {

    private final AvroToConnect converter = new AvroToConnect();
    private final RecordingContext context = new RecordingContext();
    private final PostgresSinkTask task = new PostgresSinkTask();
    private final List<String> schemas = new ArrayList<>();
    private long offset;

    @AfterEach
    void stop() throws SQLException {
        task.stop();
        for (String schema : schemas) {
            SinkTestCluster.dropSchema(schema);
        }
    }

    private Map<String, String> settings(String url, String... pairs) {
        var settings = new HashMap<String, String>();
        settings.put("connection.url", url);
        settings.put("connection.user", SinkTestCluster.JDBC_USER);
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return settings;
    }

    private SinkRecord record(Instant t, double value) {
        SchemaAndValue struct =
                converter.convert(new TelemetryReading("tenant-1", "meter-1", "value", t, value, 1, null));
        return new SinkRecord("telemetry", 0, null, null, struct.schema(), struct.value(), offset++);
    }

    @Test
    void shouldUpsertInChunksOfTheBatchSizeAndKeepOneRowPerKeyAcrossRedeliveries() throws Exception {
        // Given a migrated schema (migrating twice changes nothing) and a task writing chunks of 100 rows
        String schema = "aihub_task_it_" + Long.toString(System.nanoTime() & 0xffffffffL, 36);
        schemas.add(schema);
        var settings = settings(SinkTestCluster.JDBC_URL, "db.schema", schema, "batch.size", "100");
        var config = new PostgresSinkConfig(settings);
        assertThat(config.database().migrate().migrationsExecuted).isEqualTo(6);
        assertThat(config.database().migrate().migrationsExecuted).isZero();
        task.initialize(context);
        task.start(settings);
        Instant base = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);

        // When 250 readings and, in the same put, the first 50 again with new values arrive, and then all 300 again
        var records = new ArrayList<SinkRecord>();
        for (int i = 0; i < 250; i++) {
            records.add(record(base.plusSeconds(i), i));
        }
        for (int i = 0; i < 50; i++) {
            records.add(record(base.plusSeconds(i), -i));
        }
        task.put(records);
        task.put(records);

        // Then there is one row per reading, holding its last delivery
        var sink = new SinkUnderTest(null, "task", "", schema);
        assertThat(sink.query("SELECT count(*), sum(value) FROM timeseries_data"))
                .containsExactly(List.of(250L, 28675.0)); // readings 50..249 keep i, 0..49 hold -i: 29900 - 1225
        assertThat(context.timeouts).isEmpty();
    }

    @Test
    void shouldDeadLetterOnlyTheRecordPostgresRefusesAndWriteTheRestOfItsBatch() throws Exception {
        // Given a migrated schema and a task with a dead-letter queue
        String schema = "aihub_task_it_" + Long.toString(System.nanoTime() & 0xffffffffL, 36);
        schemas.add(schema);
        var settings = settings(SinkTestCluster.JDBC_URL, "db.schema", schema);
        new PostgresSinkConfig(settings).database().migrate();
        context.reporter = (record, error) -> {
            context.reported.add(record.kafkaOffset() + ": "
                    + error.getMessage().lines().findFirst().orElseThrow());
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        };
        task.initialize(context);
        task.start(settings);
        Instant t = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        // When one vector of a batch has a feature name jsonb cannot store (a NUL character), which only PostgreSQL
        // notices
        task.put(
                List.of(vector(t, "lag_1h"), vector(t.plusSeconds(1), "bad\u0000name"), vector(t.plusSeconds(2), "x")));

        // Then that record alone is reported, with PostgreSQL's reason, and the other two are written
        assertThat(context.reported)
                .containsExactly("1: PostgreSQL refused the record: ERROR: unsupported Unicode escape sequence");
        var sink = new SinkUnderTest(null, "task", "", schema);
        assertThat(sink.query("SELECT \"timestamp\", features::text FROM ai_features ORDER BY 1"))
                .containsExactly(List.of(t, "{\"lag_1h\": 1.5}"), List.of(t.plusSeconds(2), "{\"x\": 1.5}"));
    }

    private SinkRecord vector(Instant t, String feature) {
        var features = new java.util.LinkedHashMap<String, Double>();
        features.put(feature, 1.5);
        SchemaAndValue struct = converter.convert(
                new io.aihub.schemas.FeatureVector("tenant-1", "meter-1", "value", t, 2.0, features, 1));
        return new SinkRecord("features", 0, null, null, struct.schema(), struct.value(), offset++);
    }

    @Test
    void shouldRetryATransientFailureWithinItsBudgetThenFailTheTask() {
        // Given a task whose database does not answer (nothing listens on port 1), with 2 retries of 123 ms
        task.initialize(context);
        task.start(settings(
                "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2", "max.retries", "2", "retry.backoff.ms", "123"));
        var batch = List.of(record(Instant.now(), 1.0));

        // When Connect delivers the batch again after each retriable failure
        // Then the first two attempts ask for a retry after the backoff, the third fails the task
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(batch))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageStartingWith(
                        "database still failing after 2 retries writing to Database{url=jdbc:postgresql://127.0.0.1:1/test");
        assertThat(context.timeouts).containsExactly(123L, 123L);
    }

    /** The worker's side of the task: records the timeouts asked for; a dead-letter queue only when a test sets one. */
    private static final class RecordingContext implements SinkTaskContext {
        final List<Long> timeouts = new ArrayList<>();
        final List<String> reported = new ArrayList<>();
        ErrantRecordReporter reporter;

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return reporter;
        }

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {}

        @Override
        public void offset(TopicPartition tp, long offset) {}

        @Override
        public void timeout(long timeoutMs) {
            timeouts.add(timeoutMs);
        }

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
                new PluginMetricsImpl(new Metrics(), Map.of("connector", "aihub-sink-test"));

        @Override
        public PluginMetrics pluginMetrics() {
            return metrics;
        }
    }
}
