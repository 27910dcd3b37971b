package io.aihub.connectors.postgres;

import static org.awaitility.Awaitility.await;

import io.aihub.connectors.avro.AihubAvroConverter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * One connector under test: its own topics (a unique prefix), its own PostgreSQL schema and dead-letter topic, running
 * in the shared Connect cluster; plus SQL helpers that read its schema.
 */
record SinkUnderTest(SinkTestCluster cluster, String name, String prefix, String schema) {

    /** Stands for SQL NULL in query results (which are immutable lists). */
    static final String NULL = "<null>";

    static final List<String> TOPICS =
            List.of("telemetry", "features", "features-hourly", "features-daily", "weather", "anomalies", "forecasts");

    static SinkUnderTest start(
            SinkTestCluster cluster, String purpose, List<SinkUnderTest> started, Map<String, String> overrides)
            throws InterruptedException {
        String unique = Long.toString(System.nanoTime() & 0xffffffffL, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        var sink = new SinkUnderTest(
                cluster, "pg-sink-" + purpose + "-" + unique, purpose + "-" + unique + "-", "aihub_it_" + unique);
        started.add(sink);
        var kafka = cluster.connect().kafka();
        for (String topic : TOPICS) {
            kafka.createTopic(sink.topic(topic), 1);
        }
        cluster.connect().configureConnector(sink.name(), sink.config(overrides));
        cluster.connect()
                .assertions()
                .assertConnectorAndExactlyNumTasksAreRunning(sink.name(), 1, "the sink did not start");
        // the connector migrated the schema before its task started
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.counts().size() == 7);
        return sink;
    }

    /** Deletes the connector, then its schema (a running task would fail on the missing schema). */
    void remove() throws SQLException {
        cluster.connect().deleteConnector(name);
        SinkTestCluster.dropSchema(schema);
    }

    String topic(String name) {
        return prefix + name;
    }

    private Map<String, String> config(Map<String, String> overrides) {
        var config = new HashMap<String, String>();
        config.put("connector.class", PostgresSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", TOPICS.stream().map(this::topic).collect(Collectors.joining(",")));
        config.put("key.converter", StringConverter.class.getName());
        config.put("value.converter", AihubAvroConverter.class.getName());
        config.put("value.converter.apicurio.registry.url", cluster.registryUrl());
        config.put("connection.url", SinkTestCluster.JDBC_URL);
        config.put("connection.user", SinkTestCluster.JDBC_USER);
        config.put("db.schema", schema);
        config.put(
                "table.mapping",
                Stream.of(
                                "telemetry:telemetry",
                                "features:features",
                                "features-hourly:aggregates",
                                "features-daily:aggregates",
                                "weather:weather",
                                "anomalies:anomalies",
                                "forecasts:forecasts")
                        .map(pair -> prefix + pair)
                        .collect(Collectors.joining(",")));
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic("sink-dlq"));
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("retry.backoff.ms", "200");
        config.putAll(overrides);
        return config;
    }

    /** Rows of a query run with this sink's schema as search path; Instants for times, {@link #NULL} for nulls. */
    List<List<Object>> query(String sql, Object... params) throws SQLException {
        try (var connection = SinkTestCluster.database()) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET search_path TO \"" + schema + "\"");
            }
            try (var statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    Object param = params[i] instanceof Instant instant
                            ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                            : params[i];
                    statement.setObject(i + 1, param);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    var result = new ArrayList<List<Object>>();
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        var row = new ArrayList<Object>(columns);
                        for (int c = 1; c <= columns; c++) {
                            row.add(value(rows, c));
                        }
                        result.add(List.copyOf(row));
                    }
                    return result;
                }
            }
        }
    }

    private static Object value(ResultSet rows, int column) throws SQLException {
        Object value = rows.getMetaData().getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
                        || "timestamptz".equals(rows.getMetaData().getColumnTypeName(column))
                ? rows.getObject(column, OffsetDateTime.class)
                : rows.getObject(column);
        if (value == null) {
            return NULL;
        }
        return value instanceof OffsetDateTime time ? time.toInstant() : value;
    }

    /**
     * What a stalled test needs to be diagnosed: the PostgreSQL sessions of database {@code test} (state, wait, query)
     * and the stacks of this JVM's Connect task threads.
     */
    String diagnostics() {
        var out = new StringBuilder("PostgreSQL sessions:\n");
        try {
            for (var row : query("SELECT pid, application_name, state, wait_event_type, wait_event,"
                    + " now() - xact_start, left(query, 200) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()")) {
                out.append("  ").append(row).append('\n');
            }
        } catch (SQLException e) {
            out.append("  cannot read pg_stat_activity: ").append(e).append('\n');
        }
        out.append("Connect task threads:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean sinkTask = java.util.Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().startsWith("io.aihub.connectors"));
            if (thread.getName().startsWith("task-thread-") || sinkTask) {
                out.append("  ")
                        .append(thread.getName())
                        .append(' ')
                        .append(thread.getState())
                        .append('\n');
                for (StackTraceElement frame : stack) {
                    out.append("    at ").append(frame).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** Row counts of the sink's seven tables (only those that exist yet). */
    Map<String, Long> counts() throws SQLException {
        var counts = new LinkedHashMap<String, Long>();
        var tables = query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'"
                        + " AND table_name::text NOT IN ('feature_exports', 'retention_policies', 'ai_feature_slots', 'ai_feature_values',"
                        + " 'aihub_schema_history')"
                        + " ORDER BY 1",
                schema);
        for (var table : tables) {
            String name = (String) table.getFirst();
            counts.put(name, (Long)
                    query("SELECT count(*) FROM \"" + name + "\"").getFirst().getFirst());
        }
        return counts;
    }
}
