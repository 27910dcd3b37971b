package io.aihub.services.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * A schema of its own in the local PostgreSQL (database {@code test}, trust authentication; override with
 * {@code -Daihub.it.postgres.url} and {@code -Daihub.it.postgres.user}), migrated with the {@code connectors} module's
 * own Flyway migrations (read from their folder: services cannot depend on connectors), dropped on close.
 */
final class OfflineStoreFixture implements AutoCloseable {

    static final String BASE_URL = System.getProperty("aihub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("aihub.it.postgres.user", "postgres");
    private static final Path MIGRATIONS = Path.of("../connectors/src/main/resources/db/migration");

    private final String schema;

    private OfflineStoreFixture(String schema) {
        this.schema = schema;
    }

    static OfflineStoreFixture create() {
        String schema = "aihub_export_it_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        Flyway.configure()
                .dataSource(BASE_URL, USER, "")
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("filesystem:" + MIGRATIONS.toAbsolutePath().normalize())
                .table("aihub_schema_history")
                .load()
                .migrate();
        return new OfflineStoreFixture(schema);
    }

    /** The JDBC URL the application is given ({@code AIHUB_POSTGRES_URL}), with the schema as current schema. */
    String url() {
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** One logged vector, as the sink writes it: {@code features} a JSON object of numbers and nulls. */
    record Vector(
            String tenant,
            String asset,
            String metric,
            Instant timestamp,
            double value,
            Map<String, @Nullable Double> features) {}

    void insert(List<Vector> vectors) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement("INSERT INTO ai_features (tenant_id, asset_id, metric,"
                        + " \"timestamp\", value, features, catalog_version) VALUES (?, ?, ?, ?, ?, ?::jsonb, 1)")) {
            for (Vector vector : vectors) {
                statement.setString(1, vector.tenant());
                statement.setString(2, vector.asset());
                statement.setString(3, vector.metric());
                statement.setObject(4, vector.timestamp().atOffset(ZoneOffset.UTC));
                statement.setDouble(5, vector.value());
                statement.setString(6, json(vector.features()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * A job row as an instance records it ({@code created_at} one hour before {@code heartbeat}); {@code heartbeat}
     * null leaves {@code heartbeat_at} null, as in a row written before migration V6.
     */
    void insertExport(String tenant, String exportId, String status, @Nullable Instant heartbeat) throws SQLException {
        Instant created = heartbeat == null ? Instant.parse("2025-03-01T00:00:00Z") : heartbeat.minusSeconds(3600);
        try (Connection connection = connect();
                var statement = connection.prepareStatement("INSERT INTO feature_exports (export_id, tenant_id,"
                        + " feature_set, start_time, end_time, status, storage_path, created_at, heartbeat_at)"
                        + " VALUES (?, ?, 'forecast_basic', ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, exportId);
            statement.setString(2, tenant);
            statement.setObject(3, created.atOffset(ZoneOffset.UTC));
            statement.setObject(4, created.plusSeconds(60).atOffset(ZoneOffset.UTC));
            statement.setString(5, status);
            statement.setString(6, "/exports/" + tenant + "/" + exportId + ".parquet");
            statement.setObject(7, created.atOffset(ZoneOffset.UTC));
            if (heartbeat == null) {
                statement.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(8, heartbeat.atOffset(ZoneOffset.UTC));
            }
            statement.executeUpdate();
        }
    }

    private static String json(Map<String, @Nullable Double> features) {
        return features.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":"
                        + (e.getValue() == null ? "null" : e.getValue().toString()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(BASE_URL, USER, "");
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
